package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.funnellake.marts.common.InputColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Pairwise comparison of variants on the same labelled leads ({@code variant_id, lead_key, score,
 * is_mql, is_outcome}), for every pair (a, b) with a listed before b (the champion first).
 *
 * <ul>
 *   <li>McNemar on the MQL decisions: a decision is correct when {@code is_mql = is_outcome}; the
 *       discordant leads are those only a decides correctly and those only b does ({@link
 *       Stats#mcnemar}: exact binomial below {@code exactBelow} discordant leads, else chi-square
 *       with continuity correction).
 *   <li>Paired bootstrap of the ROC-AUC and precision differences (a - b): each replicate weighs
 *       every lead with a Poisson(1) count drawn from {@code xxhash64(seed, replicate, lead_key)},
 *       the same weight for both variants (paired), computed and aggregated in Spark; the interval
 *       is the percentile interval of the replicate differences. Nothing per lead reaches the
 *       driver; only one row per pair comes back.
 * </ul>
 */
public final class PairedComparison {
  /** Bootstrap settings: replicates (0 = none), seed and two-sided confidence. */
  public record Bootstrap(int replicates, long seed, double confidence) {}

  /** The comparison table's columns this class fills (the point estimates come from metrics). */
  static final StructType SCHEMA =
      BacktestTables.columns(
          BacktestTables.COMPARISONS,
          "variant_a",
          "variant_b",
          "total_leads",
          "total_mql_both",
          "total_mql_only_a",
          "total_mql_only_b",
          "total_correct_only_a",
          "total_correct_only_b",
          "mcnemar_statistic",
          "mcnemar_p_value",
          "mcnemar_method",
          "roc_auc_diff_ci_low",
          "roc_auc_diff_ci_high",
          "precision_diff_ci_low",
          "precision_diff_ci_high",
          "bootstrap_replicates");

  private PairedComparison() {}

  /**
   * One row per pair with the McNemar counts and test and the bootstrap intervals (point estimates
   * of the differences come from {@link BacktestMetrics}).
   */
  public static Dataset<Row> compare(
      Dataset<Row> scored, List<String> variantIds, int exactBelow, Bootstrap bootstrap) {
    InputColumns.require(
        "PairedComparison.compare",
        scored,
        "variant_id",
        "lead_key",
        "score",
        "is_mql",
        "is_outcome");
    SparkSession spark = scored.sparkSession();
    Map<String, Double[]> intervals = intervals(scored, variantIds, bootstrap);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < variantIds.size(); i++) {
      for (int j = i + 1; j < variantIds.size(); j++) {
        String a = variantIds.get(i);
        String b = variantIds.get(j);
        Row c = counts(scored, a, b);
        Stats.McNemar mc = Stats.mcnemar(c.getLong(4), c.getLong(5), exactBelow);
        Double[] ci = intervals.get(a + "\u0000" + b);
        rows.add(
            RowFactory.create(
                a,
                b,
                c.getLong(0),
                c.getLong(1),
                c.getLong(2),
                c.getLong(3),
                c.getLong(4),
                c.getLong(5),
                mc.statistic() == null ? null : round(mc.statistic()),
                round(mc.pValue()),
                mc.method(),
                ci == null ? null : ci[0],
                ci == null ? null : ci[1],
                ci == null ? null : ci[2],
                ci == null ? null : ci[3],
                bootstrap.replicates()));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** total, MQL both / only a / only b, correct only a / only b: one aggregate row. */
  private static Row counts(Dataset<Row> scored, String a, String b) {
    Dataset<Row> sa =
        scored
            .filter(col("variant_id").equalTo(a))
            .select(col("lead_key"), col("is_outcome").as("y"), col("is_mql").as("ma"));
    Dataset<Row> sb =
        scored.filter(col("variant_id").equalTo(b)).select(col("lead_key"), col("is_mql").as("mb"));
    Column ca = col("ma").equalTo(col("y"));
    Column cb = col("mb").equalTo(col("y"));
    return sa.join(sb, "lead_key")
        .agg(
            count(lit(1)),
            sum(when(col("ma").and(col("mb")), 1L).otherwise(0L)),
            sum(when(col("ma").and(col("mb").unary_$bang()), 1L).otherwise(0L)),
            sum(when(col("mb").and(col("ma").unary_$bang()), 1L).otherwise(0L)),
            sum(when(ca.and(cb.unary_$bang()), 1L).otherwise(0L)),
            sum(when(cb.and(ca.unary_$bang()), 1L).otherwise(0L)))
        .na()
        .fill(0L)
        .head();
  }

  /**
   * Percentile intervals {auc low, auc high, precision low, precision high} of a - b per pair key
   * {@code a + NUL + b}; empty without replicates.
   */
  private static Map<String, Double[]> intervals(
      Dataset<Row> scored, List<String> variantIds, Bootstrap bootstrap) {
    Map<String, Double[]> out = new HashMap<>();
    if (bootstrap.replicates() <= 0 || variantIds.size() < 2) {
      return out;
    }
    Dataset<Row> reps = scored.sparkSession().range(bootstrap.replicates()).toDF("replicate");
    Dataset<Row> weighted =
        scored
            .crossJoin(broadcast(reps))
            .withColumn("w", poissonWeight(bootstrap.seed(), col("replicate"), col("lead_key")))
            .filter(col("w").gt(0)); // about 37% of draws are 0: they weigh nothing
    Dataset<Row> precision =
        weighted
            .groupBy("replicate", "variant_id")
            .agg(
                sum(when(col("is_mql").and(col("is_outcome")), col("w")).otherwise(0L)).as("_tp"),
                sum(when(col("is_mql"), col("w")).otherwise(0L)).as("_m"))
            .select(
                col("replicate"),
                col("variant_id"),
                when(col("_m").gt(0), col("_tp").cast("double").divide(col("_m"))).as("precision"));
    Dataset<Row> stats =
        BacktestMetrics.ranking(weighted, col("w"), "replicate", "variant_id")
            .join(
                precision,
                scala.collection.JavaConverters.asScalaBuffer(List.of("replicate", "variant_id"))
                    .toSeq());
    double lo = (1 - bootstrap.confidence()) / 2;
    double hi = 1 - lo;
    List<Dataset<Row>> pairs = new ArrayList<>();
    for (int i = 0; i < variantIds.size(); i++) {
      for (int j = i + 1; j < variantIds.size(); j++) {
        Dataset<Row> a =
            stats
                .filter(col("variant_id").equalTo(variantIds.get(i)))
                .select(col("replicate"), col("roc_auc").as("auc_a"), col("precision").as("p_a"));
        Dataset<Row> b =
            stats
                .filter(col("variant_id").equalTo(variantIds.get(j)))
                .select(col("replicate"), col("roc_auc").as("auc_b"), col("precision").as("p_b"));
        pairs.add(
            a.join(b, "replicate")
                .select(
                    lit(variantIds.get(i)).as("a"),
                    lit(variantIds.get(j)).as("b"),
                    col("auc_a").minus(col("auc_b")).as("d_auc"),
                    col("p_a").minus(col("p_b")).as("d_p")));
      }
    }
    Dataset<Row> all = pairs.stream().reduce(Dataset::unionByName).orElseThrow();
    // one row per pair: bounded by the number of pairs
    for (Row r :
        all.groupBy("a", "b")
            .agg(
                expr("percentile(d_auc, array(" + lo + ", " + hi + "))").as("auc"),
                expr("percentile(d_p, array(" + lo + ", " + hi + "))").as("p"))
            .collectAsList()) {
      List<Double> auc = r.getList(2);
      List<Double> p = r.getList(3);
      out.put(
          r.getString(0) + "\u0000" + r.getString(1),
          new Double[] {at(auc, 0), at(auc, 1), at(p, 0), at(p, 1)});
    }
    return out;
  }

  /** Null when no replicate had a defined difference (e.g. a variant never made an MQL). */
  private static Double at(List<Double> l, int i) {
    return l == null || l.get(i) == null ? null : round(l.get(i));
  }

  /**
   * A Poisson(1) draw per (seed, replicate, lead): a uniform from the hash, inverted through the
   * Poisson cumulative distribution (draws above 8 have probability below 1e-6 and count as 8).
   */
  static Column poissonWeight(long seed, Column replicate, Column leadKey) {
    long modulus = 1_000_000_007L;
    Column u = pmod(xxhash64(lit(seed), replicate, leadKey), lit(modulus)).divide(modulus);
    Column w = lit(8L);
    double cdf = 0;
    double pk = Math.exp(-1);
    double[] bounds = new double[8];
    for (int k = 0; k < 8; k++) {
      cdf += pk;
      bounds[k] = cdf;
      pk = pk / (k + 1);
    }
    for (int k = 7; k >= 0; k--) {
      w = when(u.lt(bounds[k]), lit((long) k)).otherwise(w);
    }
    return w;
  }

  private static double round(double v) {
    return Stats.round(v, BacktestMetrics.DIGITS);
  }
}
