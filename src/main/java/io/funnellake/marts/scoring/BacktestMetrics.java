package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.InputColumns;
import io.funnellake.marts.scoring.Variant.Band;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Per-variant metrics of a backtest on its labelled leads ({@code variant_id, lead_key, score,
 * band, is_mql, is_outcome}). Counts are exact; ratios are computed from them and rounded to 10
 * decimals so that re-runs compare equal. Every function works per {@code variant_id}.
 */
public final class BacktestMetrics {
  static final int DIGITS = 10;

  private BacktestMetrics() {}

  /**
   * The confusion matrix at each variant's threshold: {@code total_leads, total_outcomes,
   * total_mql, total_true_positives, total_false_positives, total_false_negatives,
   * total_true_negatives, outcome_rate, precision = TP / MQL, recall = TP / outcomes, f1_score =
   * 2PR / (P + R) = 2TP / (2TP + FP + FN)} (null when undefined, e.g. no MQL).
   */
  public static Dataset<Row> classification(Dataset<Row> scored) {
    InputColumns.require(
        "BacktestMetrics.classification", scored, "variant_id", "is_mql", "is_outcome");
    Column y = col("is_outcome");
    Column m = col("is_mql");
    Dataset<Row> c =
        scored
            .groupBy("variant_id")
            .agg(
                count(lit(1)).as("total_leads"),
                sum(when(y, 1L).otherwise(0L)).as("total_outcomes"),
                sum(when(m, 1L).otherwise(0L)).as("total_mql"),
                sum(when(m.and(y), 1L).otherwise(0L)).as("total_true_positives"),
                sum(when(m.and(y.unary_$bang()), 1L).otherwise(0L)).as("total_false_positives"),
                sum(when(m.unary_$bang().and(y), 1L).otherwise(0L)).as("total_false_negatives"),
                sum(when(m.unary_$bang().and(y.unary_$bang()), 1L).otherwise(0L))
                    .as("total_true_negatives"));
    Column p = ratio(col("total_true_positives"), col("total_mql"));
    Column r = ratio(col("total_true_positives"), col("total_outcomes"));
    return c.withColumn("outcome_rate", ratio(col("total_outcomes"), col("total_leads")))
        .withColumn("precision", p)
        .withColumn("recall", r)
        .withColumn(
            "f1_score",
            ratio(
                col("total_true_positives").multiply(2),
                col("total_true_positives")
                    .multiply(2)
                    .plus(col("total_false_positives"))
                    .plus(col("total_false_negatives"))));
  }

  /**
   * Rank metrics per partition (e.g. {@code variant_id}), with a weight per lead (1, or bootstrap
   * weights). ROC-AUC is the Mann-Whitney statistic with ties counted half: leads are grouped by
   * score, and {@code AUC = sum over groups of pos_g * (neg_below_g + neg_g / 2) / (P * N)};
   * computed as exact integers times two. PR-AUC is average precision with tied scores as one
   * threshold: {@code sum over groups (descending score) of pos_g / P * precision at the group}.
   * Both are null when a class is empty.
   *
   * @return the partition columns plus {@code roc_auc, pr_auc}
   */
  public static Dataset<Row> ranking(Dataset<Row> scored, Column weight, String... partition) {
    InputColumns.require("BacktestMetrics.ranking", scored, "score", "is_outcome");
    Column[] part = cols(partition);
    List<Column> groupCols = new ArrayList<>(List.of(part));
    groupCols.add(col("score"));
    Dataset<Row> g =
        scored
            .groupBy(groupCols.toArray(new Column[0]))
            .agg(
                sum(when(col("is_outcome"), weight).otherwise(0L)).as("pos"),
                sum(when(col("is_outcome"), 0L).otherwise(weight)).as("neg"));
    WindowSpec below =
        Window.partitionBy(part).orderBy(col("score")).rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec fromTop =
        Window.partitionBy(part)
            .orderBy(col("score").desc())
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> w =
        g.withColumn("neg_below", coalesce(sum("neg").over(below), lit(0L)))
            .withColumn("tp_cum", sum("pos").over(fromTop))
            .withColumn("fp_cum", sum("neg").over(fromTop));
    Dataset<Row> a =
        w.groupBy(part)
            .agg(
                sum("pos").as("_p"),
                sum("neg").as("_n"),
                sum(col("pos").multiply(col("neg_below").multiply(2).plus(col("neg")))).as("_auc2"),
                sum(col("pos").multiply(col("tp_cum")).divide(col("tp_cum").plus(col("fp_cum"))))
                    .as("_ap"));
    Column both = col("_p").gt(0).and(col("_n").gt(0));
    List<Column> out = new ArrayList<>(List.of(part));
    out.add(
        round(
                when(
                    both,
                    col("_auc2")
                        .cast("double")
                        .divide(col("_p").cast("double").multiply(col("_n")).multiply(2))),
                DIGITS)
            .as("roc_auc"));
    out.add(round(when(both, col("_ap").divide(col("_p"))), DIGITS).as("pr_auc"));
    return a.select(out.toArray(new Column[0]));
  }

  /**
   * Conversion by score decile (decile 1 = highest scores; ties split by lead_key so the cut is
   * deterministic) and by band: {@code variant_id, segment_type (decile|band), segment,
   * segment_order, total_leads, total_outcomes, conversion_rate, lift, min_score, max_score,
   * mean_score}. Lift = the segment's conversion / the variant's overall conversion.
   */
  public static Dataset<Row> segments(Dataset<Row> scored, List<Variant> variants) {
    InputColumns.require(
        "BacktestMetrics.segments", scored, "variant_id", "lead_key", "score", "band");
    Dataset<Row> withDecile =
        scored.withColumn(
            "_decile",
            ntile(10)
                .over(
                    Window.partitionBy("variant_id")
                        .orderBy(col("score").desc(), col("lead_key"))));
    Dataset<Row> deciles =
        segmentAgg(withDecile, lit("decile"), col("_decile").cast("string"), col("_decile"));
    Column bandOrder = null;
    for (Variant v : variants) {
      int i = 1;
      for (Band b : v.bands()) {
        Column cond = col("variant_id").equalTo(v.id()).and(col("band").equalTo(b.name()));
        bandOrder = bandOrder == null ? when(cond, lit(i)) : bandOrder.when(cond, lit(i));
        i++;
      }
    }
    Dataset<Row> bands = segmentAgg(scored, lit("band"), col("band"), bandOrder);
    Dataset<Row> overall =
        scored
            .groupBy("variant_id")
            .agg(sum(when(col("is_outcome"), 1L).otherwise(0L)).as("_o"), count(lit(1)).as("_n"));
    // lift from the counts, rounded once: (o_s / n_s) / (O / N)
    return deciles
        .unionByName(bands)
        .join(overall, "variant_id")
        .withColumn(
            "lift",
            ratio(
                col("total_outcomes").multiply(col("_n")), col("total_leads").multiply(col("_o"))))
        .select(
            "variant_id",
            "segment_type",
            "segment",
            "segment_order",
            "total_leads",
            "total_outcomes",
            "conversion_rate",
            "lift",
            "min_score",
            "max_score",
            "mean_score");
  }

  private static Dataset<Row> segmentAgg(
      Dataset<Row> df, Column type, Column segment, Column order) {
    return df.withColumn("segment_type", type)
        .withColumn("segment", segment)
        .withColumn("segment_order", order.cast("int"))
        .groupBy("variant_id", "segment_type", "segment", "segment_order")
        .agg(
            count(lit(1)).as("total_leads"),
            sum(when(col("is_outcome"), 1L).otherwise(0L)).as("total_outcomes"),
            min("score").as("min_score"),
            max("score").as("max_score"),
            round(avg("score"), DIGITS).as("mean_score"))
        .withColumn("conversion_rate", ratio(col("total_outcomes"), col("total_leads")));
  }

  /**
   * Observed conversion by fixed-width score bin ({@code floor(score / width) * width}): {@code
   * variant_id, score_bin_start, score_bin_end, total_leads, total_outcomes, observed_rate,
   * mean_score, predicted_rate}. {@code predicted_rate} = mean score / 100 for logistic variants
   * (their score is a probability in percent); null for rule variants, whose points are not
   * probabilities (read their table as the score-to-conversion curve).
   */
  public static Dataset<Row> calibration(
      Dataset<Row> scored, List<Variant> variants, double width) {
    InputColumns.require("BacktestMetrics.calibration", scored, "variant_id", "score");
    Column logistic = lit(false);
    for (Variant v : variants) {
      if (v.isLogistic()) {
        logistic = logistic.or(col("variant_id").equalTo(v.id()));
      }
    }
    return scored
        .withColumn("score_bin_start", floor(col("score").divide(width)).multiply(width))
        .groupBy("variant_id", "score_bin_start")
        .agg(
            count(lit(1)).as("total_leads"),
            sum(when(col("is_outcome"), 1L).otherwise(0L)).as("total_outcomes"),
            avg("score").as("_mean"))
        .select(
            col("variant_id"),
            col("score_bin_start").cast("double").as("score_bin_start"),
            col("score_bin_start").plus(width).cast("double").as("score_bin_end"),
            col("total_leads"),
            col("total_outcomes"),
            ratio(col("total_outcomes"), col("total_leads")).as("observed_rate"),
            round(col("_mean"), DIGITS).as("mean_score"),
            round(when(logistic, col("_mean").divide(100)), DIGITS).as("predicted_rate"));
  }

  /** {@code num / den} rounded, null when den is 0. */
  static Column ratio(Column num, Column den) {
    return round(when(den.gt(0), num.cast("double").divide(den)), DIGITS);
  }

  private static Column[] cols(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }
}
