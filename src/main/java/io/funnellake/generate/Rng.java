package io.funnellake.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random source with the distributions the generator needs. Each lead, account and
 * reference table draws from its own stream, seeded from (seed, stream, index), so a change in one
 * part of the model does not shift the numbers drawn anywhere else.
 */
final class Rng {
  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A stream for one (seed, purpose, index); purposes are the {@code STREAM_*} constants. */
  static Rng of(long seed, long stream, long index) {
    return new Rng(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + index));
  }

  /** The splitmix64 finaliser: nearby inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  /** An int in [lo, hi]. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  /** A long in [lo, hi]. */
  long between(long lo, long hi) {
    return lo + random.nextLong(hi - lo + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double gaussian() {
    // Box-Muller by hand: the JDK does not specify its nextGaussian algorithm, this never changes
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Log-normal with the given median and sigma of the underlying normal. */
  double lognormal(double median, double sigma) {
    return median * Math.exp(sigma * gaussian());
  }

  /** Seconds drawn log-normally around a median in hours, at least one second. */
  long hours(double medianHours, double sigma) {
    return Math.max(1L, Math.round(lognormal(medianHours, sigma) * 3600.0));
  }

  /** Seconds drawn log-normally around a median in days, at least one second. */
  long days(double medianDays, double sigma) {
    return hours(medianDays * 24.0, sigma);
  }

  /** Seconds uniform between two counts of days. */
  long daysBetween(double lo, double hi) {
    return Math.max(1L, Math.round(uniform(lo, hi) * 86400.0));
  }

  /** Poisson by inversion; fine for the small means used here. */
  int poisson(double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = random.nextDouble();
    while (p > l && k < 100) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  /** Index drawn with the given (not necessarily normalised) weights. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Index into a cumulative weight table (last entry = total). */
  int cumulative(double[] cumulative) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
