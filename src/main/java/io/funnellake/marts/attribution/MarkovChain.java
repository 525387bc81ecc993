package io.funnellake.marts.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * First-order Markov attribution (metrics.md): states START, each channel, CONVERSION and NULL;
 * transition probabilities are the observed transition counts of the journeys normalised per state.
 * P(conv) is the probability of absorption in CONVERSION from START, found exactly by solving the
 * linear system (I - Q) x = r with Gaussian elimination (not by simulation, which differs from run
 * to run). Removing a channel sends every transition into it to NULL. Removal effect RE_c =
 * (P(conv) - P(conv without c)) / P(conv); credit = RE_c / sum(RE) x conversions.
 *
 * <p>Runs on the driver over the distinct paths ({@link Journeys}): the system has one unknown per
 * channel plus START.
 */
public final class MarkovChain {
  /**
   * @param conversionProbability P(conv) of the full chain (0 when nothing converts)
   * @param removalEffects RE per channel, by channel name; all 0 when nothing converts
   */
  public record Result(double conversionProbability, Map<String, Double> removalEffects) {}

  private MarkovChain() {}

  public static Result solve(List<Journeys.Path> paths) {
    TreeSet<String> names = new TreeSet<>();
    paths.forEach(p -> names.addAll(p.channels()));
    List<String> channels = new ArrayList<>(names);
    int n = channels.size() + 1; // state 0 = START, state i = channels[i - 1]
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < channels.size(); i++) {
      index.put(channels.get(i), i + 1);
    }
    long[][] moves = new long[n][n];
    long[] toConversion = new long[n];
    long[] outgoing = new long[n];
    for (Journeys.Path p : paths) {
      long journeys = p.journeys();
      if (journeys == 0 || p.channels().isEmpty()) {
        continue;
      }
      int from = 0;
      for (String c : p.channels()) {
        int to = index.get(c);
        moves[from][to] += journeys;
        outgoing[from] += journeys;
        from = to;
      }
      toConversion[from] += p.conversions();
      outgoing[from] += journeys; // to CONVERSION or NULL
    }
    double base = conversionProbability(moves, toConversion, outgoing, -1);
    Map<String, Double> effects = new TreeMap<>();
    for (int i = 0; i < channels.size(); i++) {
      double without = conversionProbability(moves, toConversion, outgoing, i + 1);
      // removal can only lower P(conv); clamp rounding noise so no credit is negative
      effects.put(channels.get(i), base > 0 ? Math.max(0.0, (base - without) / base) : 0.0);
    }
    return new Result(base, effects);
  }

  /** Absorption probability in CONVERSION from START; {@code removed} > 0 drops that state. */
  private static double conversionProbability(
      long[][] moves, long[] toConversion, long[] outgoing, int removed) {
    int n = moves.length;
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int s = 0; s < n; s++) {
      a[s][s] = 1.0;
      if (s == removed || outgoing[s] == 0) {
        continue; // removed: x_s = 0 (its inflow goes to NULL); unseen state: never reached
      }
      for (int t = 1; t < n; t++) {
        if (moves[s][t] > 0 && t != removed) {
          a[s][t] -= (double) moves[s][t] / outgoing[s];
        }
      }
      b[s] = (double) toConversion[s] / outgoing[s];
    }
    return LinearSystem.solve(a, b)[0];
  }
}
