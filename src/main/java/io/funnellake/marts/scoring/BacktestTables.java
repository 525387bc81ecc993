package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;

import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.quality.GrainCheck;
import io.funnellake.quality.QualityResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The gold tables a backtest writes, all keyed by {@code experiment_id} (docs/data-dictionary.md
 * documents each). Their schemas are declared here, so every experiment writes exactly these
 * columns and types. Writing replaces the experiment's rows only ({@code replaceWhere experiment_id
 * = ...}): re-running an experiment id is idempotent and other experiments stay.
 */
public final class BacktestTables {
  /** One gold table: name, grain and exact schema. */
  public record Table(String name, List<String> grain, StructType schema) {}

  public static final StructType INPUT_VERSION =
      new StructType().add("table_name", DataTypes.StringType).add("version", DataTypes.LongType);

  public static final Table EXPERIMENTS =
      new Table(
          "scoring_experiments",
          List.of("experiment_id"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("source_experiment_id", DataTypes.StringType)
              .add("run_id", DataTypes.StringType)
              .add("created_at", DataTypes.TimestampType)
              .add("run_date", DataTypes.DateType)
              .add("champion_id", DataTypes.StringType)
              .add("variant_ids", new ArrayType(DataTypes.StringType, true))
              .add("date_from", DataTypes.DateType)
              .add("date_to", DataTypes.DateType)
              .add("horizon_at", DataTypes.TimestampType)
              .add("reporting_time_zone", DataTypes.StringType)
              .add("decision_time", DataTypes.StringType)
              .add("outcome_stage", DataTypes.StringType)
              .add("outcome_window_days", DataTypes.IntegerType)
              .add("mql_stage", DataTypes.StringType)
              .add("training_from_date", DataTypes.DateType)
              .add("training_cutoff_date", DataTypes.DateType)
              .add("bootstrap_replicates", DataTypes.IntegerType)
              .add("bootstrap_seed", DataTypes.LongType)
              .add("bootstrap_confidence", DataTypes.DoubleType)
              .add("mcnemar_exact_below", DataTypes.IntegerType)
              .add("calibration_bin_width", DataTypes.DoubleType)
              .add("minutes_per_mql_default", DataTypes.DoubleType)
              .add("default_capacity_hours", DataTypes.DoubleType)
              .add("capacity_roles", new ArrayType(DataTypes.StringType, true))
              .add("total_leads_in_range", DataTypes.LongType)
              .add("total_labelled", DataTypes.LongType)
              .add("total_censored", DataTypes.LongType)
              .add("total_no_decision", DataTypes.LongType)
              .add("total_outcome_before_decision", DataTypes.LongType)
              .add("total_fit_not_point_in_time", DataTypes.LongType)
              .add("input_versions", new ArrayType(INPUT_VERSION, true))
              .add("evaluation_ms", DataTypes.LongType));

  public static final Table VARIANTS =
      new Table(
          "scoring_experiment_variants",
          List.of("experiment_id", "variant_id"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("variant_id", DataTypes.StringType)
              .add("variant_order", DataTypes.IntegerType)
              .add("kind", DataTypes.StringType)
              .add("threshold", DataTypes.DoubleType)
              .add("is_champion", DataTypes.BooleanType)
              .add("source", DataTypes.StringType)
              .add("definition_json", DataTypes.StringType)
              .add("total_training_leads", DataTypes.LongType)
              .add("total_training_outcomes", DataTypes.LongType));

  public static final Table METRICS =
      new Table(
          "scoring_backtest_metrics",
          List.of("experiment_id", "variant_id"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("variant_id", DataTypes.StringType)
              .add("total_leads", DataTypes.LongType)
              .add("total_outcomes", DataTypes.LongType)
              .add("total_mql", DataTypes.LongType)
              .add("total_true_positives", DataTypes.LongType)
              .add("total_false_positives", DataTypes.LongType)
              .add("total_false_negatives", DataTypes.LongType)
              .add("total_true_negatives", DataTypes.LongType)
              .add("outcome_rate", DataTypes.DoubleType)
              .add("precision", DataTypes.DoubleType)
              .add("recall", DataTypes.DoubleType)
              .add("f1_score", DataTypes.DoubleType)
              .add("roc_auc", DataTypes.DoubleType)
              .add("pr_auc", DataTypes.DoubleType)
              .add("total_scored_leads", DataTypes.LongType)
              .add("total_scored_mql", DataTypes.LongType)
              .add("minutes_per_mql", DataTypes.DoubleType)
              .add("sales_hours_per_month", DataTypes.DoubleType)
              .add("capacity_hours_per_month", DataTypes.DoubleType)
              .add("capacity_utilisation_rate", DataTypes.DoubleType));

  public static final Table SEGMENTS =
      new Table(
          "scoring_backtest_segments",
          List.of("experiment_id", "variant_id", "segment_type", "segment"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("variant_id", DataTypes.StringType)
              .add("segment_type", DataTypes.StringType)
              .add("segment", DataTypes.StringType)
              .add("segment_order", DataTypes.IntegerType)
              .add("total_leads", DataTypes.LongType)
              .add("total_outcomes", DataTypes.LongType)
              .add("conversion_rate", DataTypes.DoubleType)
              .add("lift", DataTypes.DoubleType)
              .add("min_score", DataTypes.DoubleType)
              .add("max_score", DataTypes.DoubleType)
              .add("mean_score", DataTypes.DoubleType));

  public static final Table CALIBRATION =
      new Table(
          "scoring_backtest_calibration",
          List.of("experiment_id", "variant_id", "score_bin_start"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("variant_id", DataTypes.StringType)
              .add("score_bin_start", DataTypes.DoubleType)
              .add("score_bin_end", DataTypes.DoubleType)
              .add("total_leads", DataTypes.LongType)
              .add("total_outcomes", DataTypes.LongType)
              .add("observed_rate", DataTypes.DoubleType)
              .add("mean_score", DataTypes.DoubleType)
              .add("predicted_rate", DataTypes.DoubleType));

  public static final Table COMPARISONS =
      new Table(
          "scoring_backtest_comparisons",
          List.of("experiment_id", "variant_a", "variant_b"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("variant_a", DataTypes.StringType)
              .add("variant_b", DataTypes.StringType)
              .add("total_leads", DataTypes.LongType)
              .add("total_mql_both", DataTypes.LongType)
              .add("total_mql_only_a", DataTypes.LongType)
              .add("total_mql_only_b", DataTypes.LongType)
              .add("total_correct_only_a", DataTypes.LongType)
              .add("total_correct_only_b", DataTypes.LongType)
              .add("mcnemar_statistic", DataTypes.DoubleType)
              .add("mcnemar_p_value", DataTypes.DoubleType)
              .add("mcnemar_method", DataTypes.StringType)
              .add("roc_auc_a", DataTypes.DoubleType)
              .add("roc_auc_b", DataTypes.DoubleType)
              .add("roc_auc_diff", DataTypes.DoubleType)
              .add("roc_auc_diff_ci_low", DataTypes.DoubleType)
              .add("roc_auc_diff_ci_high", DataTypes.DoubleType)
              .add("precision_a", DataTypes.DoubleType)
              .add("precision_b", DataTypes.DoubleType)
              .add("precision_diff", DataTypes.DoubleType)
              .add("precision_diff_ci_low", DataTypes.DoubleType)
              .add("precision_diff_ci_high", DataTypes.DoubleType)
              .add("bootstrap_replicates", DataTypes.IntegerType));

  public static final Table SCORES =
      new Table(
          "scoring_backtest_scores",
          List.of("experiment_id", "variant_id", "lead_key"),
          new StructType()
              .add("experiment_id", DataTypes.StringType)
              .add("variant_id", DataTypes.StringType)
              .add("lead_key", DataTypes.StringType)
              .add("decision_at", DataTypes.TimestampType)
              .add("score", DataTypes.DoubleType)
              .add("band", DataTypes.StringType)
              .add("is_mql", DataTypes.BooleanType)
              .add("is_outcome", DataTypes.BooleanType)
              .add("is_censored", DataTypes.BooleanType)
              .add("is_fit_point_in_time", DataTypes.BooleanType)
              .add("top_reasons", DataTypes.StringType));

  /** Every backtest table, in the order they are written (the experiment row last). */
  public static final List<Table> ALL =
      List.of(VARIANTS, METRICS, SEGMENTS, CALIBRATION, COMPARISONS, SCORES, EXPERIMENTS);

  private BacktestTables() {}

  /** Some of a table's columns, in the table's order (for transforms that fill a part). */
  static StructType columns(Table t, String... names) {
    List<String> wanted = Arrays.asList(names);
    return new StructType(
        Arrays.stream(t.schema().fields())
            .filter(f -> wanted.contains(f.name()))
            .toArray(StructField[]::new));
  }

  /** The table's columns in schema order and type; fails when the frame lacks or adds one. */
  public static Dataset<Row> conform(Table t, Dataset<Row> df) {
    List<String> have = Arrays.asList(df.columns());
    List<String> want = Arrays.asList(t.schema().fieldNames());
    if (!have.containsAll(want) || !want.containsAll(have)) {
      List<String> missing = new ArrayList<>(want);
      missing.removeAll(have);
      throw Errors.missingColumns("BacktestTables.conform(" + t.name() + ")", missing, have);
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return df.select(cols.toArray(new Column[0]));
  }

  /**
   * Writes one experiment's rows into every table (replacing that experiment's earlier rows), then
   * checks each table's grain. Returns table name to the version written; nothing is published
   * here.
   *
   * @throws io.funnellake.errors.FunnelException when a grain check fails
   */
  public static Map<String, Long> write(
      Lakehouse lakehouse, String experimentId, Map<Table, Dataset<Row>> frames) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (Table t : ALL) {
      Dataset<Row> df = conform(t, frames.get(t));
      var writer = df.write().format("delta").mode("overwrite");
      if (lakehouse.exists(Lakehouse.GOLD, t.name())) {
        writer = writer.option("replaceWhere", "experiment_id = '" + experimentId + "'");
      }
      writer.save(lakehouse.path(Lakehouse.GOLD, t.name()));
      long v = lakehouse.version(Lakehouse.GOLD, t.name());
      versions.put(t.name(), v);
      QualityResult q =
          GrainCheck.check(
              Lakehouse.GOLD + "." + t.name(),
              t.grain(),
              lakehouse.read(Lakehouse.GOLD, t.name(), v));
      if (q.blocks()) {
        throw Errors.grainViolation(Lakehouse.GOLD + "." + t.name(), t.grain(), q.message());
      }
    }
    return versions;
  }
}
