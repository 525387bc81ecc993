package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Expected values computed by hand (binomial sums) or with Python's math.erfc / NormalDist. */
class StatsTest {
  static final double TOL = 1e-12;

  @Test
  void mcnemarIsExactBelowTheThreshold() {
    // 2 discordant, both favour a: p = 2 * P(X <= 0), X ~ Bin(2, 1/2) = 2 * 1/4
    Stats.McNemar m = Stats.mcnemar(2, 0, 25);
    assertEquals(0.5, m.pValue(), TOL);
    assertEquals(Stats.EXACT_BINOMIAL, m.method());
    assertNull(m.statistic());
    // 1 vs 7: p = 2 * (C(8,0) + C(8,1)) / 2^8 = 18 / 256
    assertEquals(18.0 / 256, Stats.mcnemar(1, 7, 25).pValue(), TOL);
    assertEquals(1.0, Stats.mcnemar(0, 0, 25).pValue(), TOL);
    assertEquals(1.0, Stats.mcnemar(3, 3, 25).pValue(), TOL, "capped at 1");
  }

  @Test
  void mcnemarUsesChiSquareWithContinuityCorrectionFromTheThreshold() {
    // chi2 = (|30 - 10| - 1)^2 / 40 = 9.025; p = erfc(sqrt(9.025 / 2))
    Stats.McNemar m = Stats.mcnemar(30, 10, 25);
    assertEquals(Stats.CHI_SQUARE_CC, m.method());
    assertEquals(9.025, m.statistic(), TOL);
    assertEquals(0.002663119259138554, m.pValue(), 1e-9);
  }

  @Test
  void twoProportionTestAndIntervals() {
    // 60/200 vs 40/200: pooled p = 0.25, z = 0.1 / sqrt(0.25 * 0.75 * 2 / 200)
    Stats.TwoProportion t = Stats.twoProportion(60, 200, 40, 200, 0.95);
    assertEquals(0.1, t.diff(), TOL);
    assertEquals(2.3094010767585034, t.z(), 1e-9);
    assertEquals(0.020921335337793945, t.pValue(), 1e-9);
    assertEquals(0.01569876146648777, t.ciLow(), 1e-9);
    assertEquals(0.18430123853351224, t.ciHigh(), 1e-9);
    double[] w = Stats.wilson(60, 200, 0.95);
    assertEquals(0.24074744682371402, w[0], 1e-9);
    assertEquals(0.36679068372719265, w[1], 1e-9);
    assertNull(Stats.twoProportion(0, 10, 0, 10, 0.95).z(), "no variance: no statistic");
  }
}
