package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
  @Test
  void mcnemarCountsTheLeadsOnlyOneVariantDecidesCorrectly() {
    // v is right on k0, k2 (MQL and converted) where w is not; w is right on k1, k3 (not MQL,
    // not converted) where v is not: 2 vs 2 discordant, p = min(1, 2 * 11/16) = 1
    Row r =
        PairedComparison.compare(
                BacktestMetricsTest.scored(),
                List.of("v", "w"),
                25,
                new PairedComparison.Bootstrap(0, 1, 0.95))
            .head();
    assertEquals("[v,w,8,0,4,0,2,2,null,1.0,exact_binomial,null,null,null,null,0]", r.toString());
  }

  @Test
  void theBootstrapIsSeededPairedAndOrdered() {
    PairedComparison.Bootstrap b = new PairedComparison.Bootstrap(30, 42, 0.9);
    List<String> first =
        TestFrames.sortedRows(
            PairedComparison.compare(BacktestMetricsTest.scored(), List.of("v", "w"), 25, b));
    List<String> again =
        TestFrames.sortedRows(
            PairedComparison.compare(BacktestMetricsTest.scored(), List.of("v", "w"), 25, b));
    assertEquals(first, again, "same seed, same intervals");
    Row r = PairedComparison.compare(BacktestMetricsTest.scored(), List.of("v", "w"), 25, b).head();
    double aucLow = r.getDouble(11);
    double aucHigh = r.getDouble(12);
    assertTrue(aucLow <= aucHigh && aucLow >= -1 && aucHigh <= 1, r.toString());
    assertTrue(r.isNullAt(13), "w never makes an MQL: no precision difference");
    Row other =
        PairedComparison.compare(
                BacktestMetricsTest.scored(),
                List.of("v", "w"),
                25,
                new PairedComparison.Bootstrap(30, 43, 0.9))
            .head();
    assertNotEquals(r.toString(), other.toString(), "another seed draws other weights");
  }

  @Test
  void poissonWeightsHaveMeanOneAndAboutAThirdZeros() {
    // 200,000 draws: tolerance 0.01 on the mean (sd of the mean 0.0022), 0.005 on P(0) = e^-1
    Row r =
        TestSpark.session()
            .range(100_000)
            .withColumn("lead_key", concat(lit("k"), col("id")))
            .crossJoin(TestSpark.session().range(2).toDF("replicate"))
            .withColumn("w", PairedComparison.poissonWeight(7, col("replicate"), col("lead_key")))
            .agg(avg("w"), avg(when(col("w").equalTo(0), 1.0).otherwise(0.0)))
            .head();
    assertEquals(1.0, r.getDouble(0), 0.01);
    assertEquals(Math.exp(-1), r.getDouble(1), 0.005);
  }
}
