package io.funnellake.marts.scoring;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The tests behind the comparisons, on counts already aggregated by Spark (commons-math3, which
 * Spark ships). All p-values are two-sided.
 */
public final class Stats {
  /** McNemar by the exact binomial test. */
  public static final String EXACT_BINOMIAL = "exact_binomial";

  /** McNemar by chi-square (1 df) with continuity correction. */
  public static final String CHI_SQUARE_CC = "chi_square_cc";

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private Stats() {}

  /**
   * McNemar's test on the discordant pairs of two paired classifiers.
   *
   * @param statistic chi-square statistic, or null for the exact test
   * @param method {@link #EXACT_BINOMIAL} or {@link #CHI_SQUARE_CC}
   */
  public record McNemar(long onlyA, long onlyB, Double statistic, double pValue, String method) {}

  /**
   * With {@code n = onlyA + onlyB} discordant pairs: below {@code exactBelow} the exact test {@code
   * p = min(1, 2 * P(X <= min(onlyA, onlyB)))}, X ~ Binomial(n, 1/2); otherwise {@code chi2 =
   * (|onlyA - onlyB| - 1)^2 / n} against chi-square with 1 degree of freedom. No discordant pair
   * gives p = 1.
   */
  public static McNemar mcnemar(long onlyA, long onlyB, int exactBelow) {
    long n = onlyA + onlyB;
    if (n == 0) {
      return new McNemar(onlyA, onlyB, null, 1.0, EXACT_BINOMIAL);
    }
    if (n < exactBelow) {
      double tail =
          new BinomialDistribution(null, (int) n, 0.5)
              .cumulativeProbability((int) Math.min(onlyA, onlyB));
      return new McNemar(onlyA, onlyB, null, Math.min(1.0, 2 * tail), EXACT_BINOMIAL);
    }
    double d = Math.abs(onlyA - onlyB) - 1.0;
    double chi2 = d * d / n;
    double p = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
    return new McNemar(onlyA, onlyB, chi2, p, CHI_SQUARE_CC);
  }

  /**
   * Two-proportion comparison of {@code a} against {@code b}.
   *
   * @param diff {@code x_a/n_a - x_b/n_b}
   * @param ciLow lower bound of the unpooled (Wald) interval of the difference
   * @param z statistic with the pooled standard error; null when it is 0
   * @param pValue two-sided; 1 when z is null
   */
  public record TwoProportion(double diff, double ciLow, double ciHigh, Double z, double pValue) {}

  /** Two-proportion z-test (pooled) with a Wald interval of the difference (unpooled). */
  public static TwoProportion twoProportion(long xa, long na, long xb, long nb, double confidence) {
    double pa = (double) xa / na;
    double pb = (double) xb / nb;
    double diff = pa - pb;
    double pooled = (double) (xa + xb) / (na + nb);
    double se0 = Math.sqrt(pooled * (1 - pooled) * (1.0 / na + 1.0 / nb));
    double se = Math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb);
    double zc = zCritical(confidence);
    Double z = se0 == 0 ? null : diff / se0;
    double p = z == null ? 1.0 : 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
    return new TwoProportion(diff, diff - zc * se, diff + zc * se, z, p);
  }

  /** Wilson score interval {low, high} of a proportion x/n (n > 0). */
  public static double[] wilson(long x, long n, double confidence) {
    double p = (double) x / n;
    double z = zCritical(confidence);
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denom;
    double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
  }

  /** Rounded half-up to {@code digits} decimals (gold ratios use 10, learned weights 6). */
  public static double round(double v, int digits) {
    return java.math.BigDecimal.valueOf(v)
        .setScale(digits, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }

  /** The two-sided critical value, e.g. 1.959964 for 0.95. */
  public static double zCritical(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }
}
