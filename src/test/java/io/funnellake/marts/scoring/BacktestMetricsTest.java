package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.testing.TestFrames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BacktestMetricsTest {
  /**
   * Variant v: scores 10+, 8-, 8+, 8-, 5+, 3-, 3-, 1- (P = 3, N = 5), MQL at 6. Variant w: every
   * lead tied at 0, MQL at 1 (none).
   */
  static Dataset<Row> scored() {
    String[] v = {"10,1", "8,0", "8,1", "8,0", "5,1", "3,0", "3,0", "1,0"};
    String[] lines = new String[v.length * 2];
    for (int i = 0; i < v.length; i++) {
      String[] sy = v[i].split(",");
      lines[i] = "v,k" + i + "," + sy[0] + "," + sy[1] + "," + (Integer.parseInt(sy[0]) >= 6);
      lines[v.length + i] = "w,k" + i + ",0," + sy[1] + ",false";
    }
    return TestFrames.strings("variant_id,lead_key,score,y,is_mql", lines)
        .withColumn("score", col("score").cast("double"))
        .withColumn("is_outcome", col("y").equalTo("1"))
        .withColumn("is_mql", col("is_mql").cast("boolean"))
        .drop("y");
  }

  @Test
  void precisionRecallAndF1ByHand() {
    // v: MQL = {10+, 8-, 8+, 8-}: TP 2, FP 2, FN 1 (the 5+), TN 3
    assertEquals(
        List.of(
            "[v,8,3,4,2,2,1,3,0.375,0.5,0.6666666667,0.5714285714]",
            "[w,8,3,0,0,0,3,5,0.375,null,0.0,0.0]"),
        TestFrames.sortedRows(BacktestMetrics.classification(scored())));
  }

  @Test
  void rocAucCountsTiesHalfAndPrAucGroupsTiedScores() {
    // AUC v: positives 10 (5 negatives below), 8 (3 below + 2 tied / 2), 5 (3 below) = 12 / 15
    // AP v: (1/1 + 2/4 + 3/5) / 3 = 0.7; w: one tied group: AUC 0.5, AP = 3/8
    assertEquals(
        List.of("[v,0.8,0.7]", "[w,0.5,0.375]"),
        TestFrames.sortedRows(BacktestMetrics.ranking(scored(), lit(1L), "variant_id")));
  }

  @Test
  void decilesAndBandsWithLift() {
    Variant v =
        Variants.parse(
            "v.conf",
            "variant { id = v, threshold = 6, bands = [{name = hi, min = 6}, {name = lo, max = 6}] }");
    Variant w =
        Variants.parse("w.conf", "variant { id = w, threshold = 1, bands = [{name = all}] }");
    Dataset<Row> s = scored().withColumn("band", PointInTimeScoring.band(List.of(v, w)));
    Dataset<Row> seg = BacktestMetrics.segments(s, List.of(v, w));
    // bands of v: hi = {10+, 8-, 8+, 8-}: 2/4, lift 0.5 / 0.375; lo: 1/4
    assertEquals(
        List.of(
            "[v,band,hi,1,4,2,0.5,1.3333333333,8.0,10.0,8.5]",
            "[v,band,lo,2,4,1,0.25,0.6666666667,1.0,5.0,3.0]"),
        TestFrames.sortedRows(seg.filter("variant_id = 'v' AND segment_type = 'band'")));
    // 8 leads in 10 tiles: ntile gives deciles 1-8 one lead each; decile 1 = the 10+
    assertEquals(
        List.of("[v,decile,1,1,1,1,1.0,2.6666666667,10.0,10.0,10.0]"),
        TestFrames.sortedRows(
            seg.filter("variant_id = 'v' AND segment_type = 'decile' AND segment = '1'")));
    assertEquals(8, seg.filter("variant_id = 'w' AND segment_type = 'decile'").count());
  }

  @Test
  void calibrationBinsScores() {
    Variant v = Variants.parse("v.conf", "variant { id = v, threshold = 6, bands = [{name = a}] }");
    Variant w =
        Variants.parse(
            "w.conf",
            "variant { id = w, kind = logistic, threshold = 6," + " bands = [{name = a}] }");
    // width 5: v bins [0,5): 3-,3-,1-; [5,10): 8-,8+,8-,5+; [10,15): 10+
    assertEquals(
        List.of(
            "[v,0.0,5.0,3,0,0.0,2.3333333333,null]",
            "[v,10.0,15.0,1,1,1.0,10.0,null]",
            "[v,5.0,10.0,4,2,0.5,7.25,null]",
            "[w,0.0,5.0,8,3,0.375,0.0,0.0]"),
        TestFrames.sortedRows(BacktestMetrics.calibration(scored(), List.of(v, w), 5)));
  }
}
