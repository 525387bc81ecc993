package io.funnellake.marts.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkovChainTest {
  static Journeys.Path path(long conversions, long nulls, String... channels) {
    return new Journeys.Path(List.of(channels), conversions, nulls);
  }

  @Test
  void removalEffectsOfAnAcyclicChainMatchTheHandSolution() {
    // journeys: a>b (2 conversions, 1 null), b (1 conversion, 1 null), a (1 null)
    // transitions: START->a 4, START->b 2; a->b 3, a->NULL 1; b->CONV 3, b->NULL 2
    // P(conv) = 4/6 * 3/4 * 3/5 + 2/6 * 3/5 = 18/60 + 12/60 = 1/2
    // without a: START->a goes to NULL: P = 2/6 * 3/5 = 1/5, RE_a = (1/2 - 1/5) / (1/2) = 3/5
    // without b: nothing reaches CONV: P = 0, RE_b = 1
    MarkovChain.Result r =
        MarkovChain.solve(List.of(path(2, 1, "a", "b"), path(1, 1, "b"), path(0, 1, "a")));
    assertEquals(0.5, r.conversionProbability(), 1e-12);
    assertEquals(0.6, r.removalEffects().get("a"), 1e-12);
    assertEquals(1.0, r.removalEffects().get("b"), 1e-12);
  }

  @Test
  void aCycleIsSolvedExactlyAsALinearSystem() {
    // journeys: a>b>a (1 conversion), b (1 null)
    // START->a 1/2, START->b 1/2; a->b 1/2, a->CONV 1/2; b->a 1/2, b->NULL 1/2
    // x_a = x_b / 2 + 1/2, x_b = x_a / 2  =>  x_a = 2/3, x_b = 1/3, P = (2/3 + 1/3) / 2 = 1/2
    // without a: x_b = 0 => P = 0, RE_a = 1
    // without b: x_a = 1/2 => P = 1/4, RE_b = (1/2 - 1/4) / (1/2) = 1/2
    MarkovChain.Result r = MarkovChain.solve(List.of(path(1, 0, "a", "b", "a"), path(0, 1, "b")));
    assertEquals(0.5, r.conversionProbability(), 1e-12);
    assertEquals(Map.of("a", 1.0, "b", 0.5), rounded(r.removalEffects()));
  }

  @Test
  void repeatedChannelsAndPathOrderOfInputDoNotChangeTheResult() {
    // a self-loop only delays absorption: a>a>b behaves like a>b
    MarkovChain.Result loop =
        MarkovChain.solve(List.of(path(0, 1, "a"), path(2, 1, "a", "a", "b"), path(1, 1, "b")));
    assertEquals(0.5, loop.conversionProbability(), 1e-12);
    assertEquals(Map.of("a", 0.6, "b", 1.0), rounded(loop.removalEffects()));
  }

  @Test
  void withoutConversionsEveryEffectIsZeroNotNaN() {
    MarkovChain.Result r = MarkovChain.solve(List.of(path(0, 3, "a", "b")));
    assertEquals(0.0, r.conversionProbability());
    assertEquals(Map.of("a", 0.0, "b", 0.0), r.removalEffects());
    assertEquals(Map.of(), MarkovChain.solve(List.of()).removalEffects());
  }

  @Test
  void linearSystemPivotsOnAZeroDiagonal() {
    // 0x + y = 2, x + y = 3  =>  x = 1, y = 2 (needs a row swap)
    double[] x = LinearSystem.solve(new double[][] {{0, 1}, {1, 1}}, new double[] {2, 3});
    assertEquals(1.0, x[0], 1e-15);
    assertEquals(2.0, x[1], 1e-15);
  }

  static Map<String, Double> rounded(Map<String, Double> m) {
    Map<String, Double> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k, Math.round(v * 1e12) / 1e12));
    return out;
  }
}
