package io.funnellake.marts.attribution;

import io.funnellake.errors.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact Shapley values over channel sets (metrics.md), and leave-one-out on the same game.
 *
 * <p>The game: v(S) = conversions of journeys whose channel set is a subset of S. Shapley: phi_c =
 * sum over S not containing c of |S|! (n - |S| - 1)! / n! (v(S + c) - v(S)), evaluated over all 2^n
 * subsets (v by a subset-sum transform, O(n 2^n)); n counts the channels of converting journeys
 * only (any other channel adds nothing to any v and gets 0). Past the configured channel count this
 * fails with a clear error instead of running for hours.
 *
 * <p>This game is a sum of one unanimity game per journey, so phi also equals "each converting
 * journey gives 1 / (its distinct channels) to each of them": the per-opportunity shares rely on
 * that identity, and {@code AttributionChannelEffectsTest} checks the two agree.
 *
 * <p>Leave-one-out (a different model, not Shapley): LOO_c = v(N) - v(N - c), the conversions lost
 * when only c is taken away from all channels, i.e. the conversions of journeys that contain c.
 * Shared conversions count once per channel, so credit = LOO_c / sum(LOO) x conversions.
 */
public final class ShapleyValues {
  private ShapleyValues() {}

  /** phi per channel (sums to the conversions of all journeys). */
  public static Map<String, Double> exact(List<Journeys.Path> paths, int maxChannels, String key) {
    List<String> channels = convertingChannels(paths);
    int n = channels.size();
    if (n > maxChannels) {
      throw Errors.tooManyShapleyChannels(
          n, maxChannels, key, AttributionSettings.SHAPLEY_CHANNEL_CEILING);
    }
    long[] v = subsetValues(paths, channels);
    double[] weight = new double[Math.max(n, 1)];
    for (int s = 0; s < n; s++) {
      weight[s] = factorial(s) * factorial(n - s - 1) / factorial(n);
    }
    Map<String, Double> phi = new TreeMap<>();
    for (int c = 0; c < n; c++) {
      int bit = 1 << c;
      double total = 0;
      for (int mask = 0; mask < (1 << n); mask++) {
        if ((mask & bit) == 0) {
          total += weight[Integer.bitCount(mask)] * (v[mask | bit] - v[mask]);
        }
      }
      phi.put(channels.get(c), total);
    }
    return phi;
  }

  /** LOO_c = v(N) - v(N - c) per channel of converting journeys. */
  public static Map<String, Double> leaveOneOut(List<Journeys.Path> paths) {
    Map<String, Double> out = new TreeMap<>();
    for (String c : convertingChannels(paths)) {
      out.put(c, 0.0);
    }
    for (Journeys.Path p : paths) {
      if (p.conversions() > 0) {
        for (String c : new TreeSet<>(p.channels())) {
          out.merge(c, (double) p.conversions(), Double::sum);
        }
      }
    }
    return out;
  }

  private static List<String> convertingChannels(List<Journeys.Path> paths) {
    TreeSet<String> names = new TreeSet<>();
    for (Journeys.Path p : paths) {
      if (p.conversions() > 0) {
        names.addAll(p.channels());
      }
    }
    return new ArrayList<>(names);
  }

  /** v(S) for every subset mask: conversions of journeys whose channel set is inside S. */
  private static long[] subsetValues(List<Journeys.Path> paths, List<String> channels) {
    int n = channels.size();
    Map<String, Integer> bit = new HashMap<>();
    for (int i = 0; i < n; i++) {
      bit.put(channels.get(i), 1 << i);
    }
    long[] v = new long[1 << n];
    for (Journeys.Path p : paths) {
      if (p.conversions() > 0) {
        int mask = 0;
        for (String c : p.channels()) {
          mask |= bit.get(c);
        }
        v[mask] += p.conversions();
      }
    }
    for (int i = 0; i < n; i++) {
      for (int mask = 0; mask < (1 << n); mask++) {
        if ((mask & (1 << i)) != 0) {
          v[mask] += v[mask ^ (1 << i)];
        }
      }
    }
    return v;
  }

  private static double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; i++) {
      f *= i;
    }
    return f;
  }
}
