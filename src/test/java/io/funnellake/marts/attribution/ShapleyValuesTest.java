package io.funnellake.marts.attribution;

import static io.funnellake.marts.attribution.MarkovChainTest.path;
import static io.funnellake.marts.attribution.MarkovChainTest.rounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapleyValuesTest {
  static final String KEY = "funnel.attribution.shapley_max_channels";

  @Test
  void theReferenceExampleGivesSevenAndThree() {
    // metrics.md: journeys {a: 4 conversions, a>b: 6} give a = 7, b = 3
    // v({}) = 0, v({a}) = 4, v({b}) = 0, v({a,b}) = 10
    // phi_a = 1/2 (v(a) - v()) + 1/2 (v(ab) - v(b)) = 2 + 5 = 7; phi_b = 1/2 * 0 + 1/2 * 6 = 3
    Map<String, Double> phi =
        ShapleyValues.exact(List.of(path(4, 0, "a"), path(6, 0, "a", "b")), 20, KEY);
    assertEquals(Map.of("a", 7.0, "b", 3.0), rounded(phi));
  }

  @Test
  void threeChannelsOverAllSubsetsAndOnlyConversionsCount() {
    // {a: 2, b: 1, a>b: 3, b>c>a: 6 (order and repeats do not matter: set {a,b,c})}, plus a
    // journey without conversions that must not count. By hand over the 8 subsets with
    // weights 1/3 (|S| = 0), 1/6 (|S| = 1), 1/3 (|S| = 2):
    // v: {}=0 a=2 b=1 c=0 ab=6 ac=2 bc=1 abc=12
    // phi_a = 1/3*2 + 1/6*(6-1) + 1/6*(2-0) + 1/3*(12-1) = 2/3 + 5/6 + 2/6 + 11/3 = 5.5
    // phi_b = 1/3*1 + 1/6*(6-2) + 1/6*(1-0) + 1/3*(12-2) = 1/3 + 4/6 + 1/6 + 10/3 = 4.5
    // phi_c = 1/3*0 + 1/6*(2-2) + 1/6*(1-1) + 1/3*(12-6) = 2
    Map<String, Double> phi =
        ShapleyValues.exact(
            List.of(
                path(2, 0, "a"),
                path(1, 0, "b"),
                path(3, 0, "a", "b"),
                path(6, 0, "b", "c", "a", "c"),
                path(0, 9, "d", "a")),
            20,
            KEY);
    assertEquals(Map.of("a", 5.5, "b", 4.5, "c", 2.0), rounded(phi));
    // efficiency: the values add up to the conversions
    assertEquals(12.0, phi.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
  }

  @Test
  void leaveOneOutIsTheMarginalToAllOtherChannelsAndNotShapley() {
    // v(N) - v(N - c): a: 10 - 0 = 10, b: 10 - 4 = 6 (Shapley gives 7 and 3)
    assertEquals(
        Map.of("a", 10.0, "b", 6.0),
        ShapleyValues.leaveOneOut(List.of(path(4, 0, "a"), path(6, 1, "a", "b"))));
  }

  @Test
  void moreChannelsThanTheLimitIsAClearError() {
    List<Journeys.Path> paths =
        List.of(path(1, 0, "a", "b"), path(1, 0, "c"), path(1, 0, "d"), path(0, 1, "e"));
    FunnelException e =
        assertThrows(FunnelException.class, () -> ShapleyValues.exact(paths, 3, KEY));
    assertEquals("ATTRIBUTION_TOO_MANY_CHANNELS", e.code());
    assertTrue(e.getMessage().contains("4 channels exceed the limit of 3"), e.getMessage());
    assertTrue(e.getMessage().contains(KEY), e.getMessage());
    // e has no conversions, so it is not a player: 4 channels are within a limit of 4
    assertEquals(4, ShapleyValues.exact(paths, 4, KEY).size());
  }

  @Test
  void noConversionsMeansNoPlayers() {
    assertEquals(Map.of(), ShapleyValues.exact(List.of(path(0, 5, "a")), 20, KEY));
  }
}
