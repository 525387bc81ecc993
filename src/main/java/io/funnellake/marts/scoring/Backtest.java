package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.scoring.BacktestCohort.Range;
import io.funnellake.marts.scoring.BacktestTables.Table;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A point-in-time backtest of scoring variants (metrics.md, "Scoring variants and backtests"):
 * builds the cohort ({@link BacktestCohort}), optionally trains the learned challenger ({@link
 * LearnedChallenger}), scores every lead at its decision time ({@link PointInTimeScoring}), and
 * computes the per-variant metrics ({@link BacktestMetrics}, {@link SalesWorkload}) and the paired
 * comparisons ({@link PairedComparison}). {@link #evaluate} only computes; {@link BacktestRunner}
 * pins the inputs, writes the gold tables and publishes them.
 */
public final class Backtest {
  /** Leads of the range by cohort status, and those whose fit attributes changed after t0. */
  public record Counts(
      long inRange,
      long labelled,
      long censored,
      long noDecision,
      long outcomeBeforeDecision,
      long fitNotPointInTime) {}

  /**
   * The computed experiment: one frame per gold table ({@link BacktestTables}), the variants
   * actually scored (with the learned one), the cohort counts, and the cached per-lead scores
   * ({@code scored}: every labelled or censored lead of the cohort with its silver columns, per
   * variant; for analysis in notebooks, not for gold: it has {@code lead_id}).
   */
  public record Result(
      BacktestSpec spec,
      List<Variant> variants,
      Counts counts,
      Map<Table, Dataset<Row>> tables,
      Dataset<Row> scored) {
    public Dataset<Row> metrics() {
      return tables.get(BacktestTables.METRICS);
    }

    public Dataset<Row> comparisons() {
      return tables.get(BacktestTables.COMPARISONS);
    }

    public Dataset<Row> segments() {
      return tables.get(BacktestTables.SEGMENTS);
    }

    public Dataset<Row> calibration() {
      return tables.get(BacktestTables.CALIBRATION);
    }

    public Dataset<Row> scores() {
      return tables.get(BacktestTables.SCORES);
    }

    public Dataset<Row> experiment() {
      return tables.get(BacktestTables.EXPERIMENTS);
    }

    /** Frees the cached scores. */
    public void release() {
      scored.unpersist();
    }
  }

  private Backtest() {}

  /**
   * Runs the backtest on the context's tables (pin them first with {@link ExperimentInputs}).
   *
   * @param inputVersions recorded in the experiment row (table to Delta version)
   * @param runId recorded in the experiment row
   */
  public static Result evaluate(
      MartContext ctx, BacktestSpec spec, Map<String, Long> inputVersions, String runId) {
    long started = System.nanoTime();
    SparkSession spark = ctx.spark();
    BacktestSpec.Cohort c = spec.cohort();
    List<String> order = ctx.config().stages().leadOrder();
    if (!order.contains(c.outcomeStage())) {
      throw Errors.backtestInvalid(
          "--outcome-stage", c.outcomeStage(), "not a stage of funnel.stages.lead.order " + order);
    }
    if (c.decisionTime().anchoredOnStage() && !order.contains(c.decisionTime().stage())) {
      throw Errors.backtestInvalid(
          "--decision-time", c.decisionTime().toString(), "not a stage of " + order);
    }
    Dataset<Row> leads = ScoringInputs.leads(ctx.silver(Entity.LEADS));
    Dataset<Row> stageEvents = ctx.table(Lakehouse.SILVER, ExperimentInputs.STAGE_EVENTS);
    Dataset<Row> events =
        ScoringInputs.events(
                ctx.silver(Entity.CAMPAIGN_RESPONSES),
                ctx.silver(Entity.CONTENT_ASSETS),
                ctx.silver(Entity.CAMPAIGNS))
            .persist();
    LocalDate to = c.to() != null ? c.to() : ctx.runDate();
    LocalDate from = c.from() != null ? c.from() : earliest(leads, c);
    if (from == null) {
      throw Errors.backtestEmpty(spec.experimentId(), "silver.leads has no live lead");
    }
    List<Variant> variants = new ArrayList<>(spec.variants());
    Map<String, LearnedChallenger.Trained> trained = new LinkedHashMap<>();
    LocalDate evalFrom = from;
    if (spec.trainCutoff() != null) {
      LocalDate cutoff = spec.trainCutoff();
      if (!cutoff.isAfter(from) || cutoff.isAfter(to)) {
        throw Errors.backtestInvalid(
            "--train-cutoff",
            cutoff.toString(),
            "must be after --from " + from + " and not after" + " --to " + to);
      }
      Dataset<Row> training =
          BacktestCohort.build(
                  leads,
                  stageEvents,
                  new Range(from, cutoff.minusDays(1), c.zone()),
                  c.decisionTime(),
                  c.outcomeStage(),
                  c.outcomeWindowDays())
              .filter(col("cohort_status").equalTo(BacktestCohort.LABELLED));
      Variant champion = variants.get(0);
      LearnedChallenger.Trained t =
          LearnedChallenger.train(variants, champion, training, events, spec.model());
      variants.add(t.variant());
      trained.put(t.variant().id(), t);
      evalFrom = cutoff;
    }
    Range range = new Range(evalFrom, to, c.zone());
    Dataset<Row> cohort =
        BacktestCohort.build(
                leads,
                stageEvents,
                range,
                c.decisionTime(),
                c.outcomeStage(),
                c.outcomeWindowDays())
            .persist();
    Counts counts = counts(cohort);
    if (counts.labelled() == 0) {
      throw Errors.backtestEmpty(
          spec.experimentId(),
          counts.inRange()
              + " leads created "
              + evalFrom
              + ".."
              + to
              + ", "
              + counts.censored()
              + " censored (window of "
              + c.outcomeWindowDays()
              + " days not over by the end of "
              + to
              + "), "
              + counts.noDecision()
              + " without a decision time, "
              + counts.outcomeBeforeDecision()
              + " with the outcome before it");
    }
    Dataset<Row> scoredAll =
        PointInTimeScoring.score(
                variants,
                cohort.filter(
                    col("cohort_status").isin(BacktestCohort.LABELLED, BacktestCohort.CENSORED)),
                events)
            .withColumn("is_censored", col("cohort_status").equalTo(BacktestCohort.CENSORED))
            .persist();
    Dataset<Row> labelled = scoredAll.filter(col("is_censored").unary_$bang());
    List<String> ids = variants.stream().map(Variant::id).toList();
    Column exp = lit(spec.experimentId());

    Dataset<Row> metrics = metrics(ctx, spec, range, stageEvents, scoredAll, labelled);
    Dataset<Row> comparisons =
        PairedComparison.compare(
            labelled, ids, spec.analysis().mcnemarExactBelow(), spec.analysis().bootstrap());
    comparisons = withPointEstimates(comparisons, metrics);

    Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(BacktestTables.METRICS, metrics.withColumn("experiment_id", exp));
    tables.put(
        BacktestTables.SEGMENTS,
        BacktestMetrics.segments(labelled, variants).withColumn("experiment_id", exp));
    tables.put(
        BacktestTables.CALIBRATION,
        BacktestMetrics.calibration(labelled, variants, spec.analysis().calibrationBinWidth())
            .withColumn("experiment_id", exp));
    tables.put(BacktestTables.COMPARISONS, comparisons.withColumn("experiment_id", exp));
    tables.put(
        BacktestTables.SCORES,
        scoredAll
            .withColumn("experiment_id", exp)
            .select(
                "experiment_id",
                "variant_id",
                "lead_key",
                "decision_at",
                "score",
                "band",
                "is_mql",
                "is_outcome",
                "is_censored",
                "is_fit_point_in_time",
                "top_reasons"));
    tables.put(BacktestTables.VARIANTS, variantRows(spark, spec, variants, trained));
    for (Map.Entry<Table, Dataset<Row>> e : new ArrayList<>(tables.entrySet())) {
      tables.put(e.getKey(), BacktestTables.conform(e.getKey(), e.getValue()));
    }
    tables.put(
        BacktestTables.EXPERIMENTS,
        experimentRow(
            spark,
            spec,
            runId,
            ctx.runDate(),
            range,
            from,
            variants,
            counts,
            inputVersions,
            (System.nanoTime() - started) / 1_000_000));
    // the cohort and events were only needed to build the cached scores
    cohort.unpersist();
    events.unpersist();
    return new Result(spec, List.copyOf(variants), counts, tables, scoredAll);
  }

  private static LocalDate earliest(Dataset<Row> leads, BacktestSpec.Cohort c) {
    Row r = leads.agg(min(Periods.localDate(col("created_at"), c.zone()))).head();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  private static Counts counts(Dataset<Row> cohort) {
    Row r =
        cohort
            .agg(
                count(lit(1)),
                sum(status(BacktestCohort.LABELLED)),
                sum(status(BacktestCohort.CENSORED)),
                sum(status(BacktestCohort.NO_DECISION)),
                sum(status(BacktestCohort.OUTCOME_BEFORE_DECISION)),
                sum(
                    when(
                            col("cohort_status")
                                .isin(BacktestCohort.LABELLED, BacktestCohort.CENSORED)
                                .and(col("is_fit_point_in_time").unary_$bang()),
                            1L)
                        .otherwise(0L)))
            .na()
            .fill(0L)
            .head();
    return new Counts(
        r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5));
  }

  private static Column status(String s) {
    return when(col("cohort_status").equalTo(s), 1L).otherwise(0L);
  }

  /** Classification, ranking and workload per variant. */
  private static Dataset<Row> metrics(
      MartContext ctx,
      BacktestSpec spec,
      Range range,
      Dataset<Row> stageEvents,
      Dataset<Row> scoredAll,
      Dataset<Row> labelled) {
    BacktestSpec.Analysis a = spec.analysis();
    double minutes =
        SalesWorkload.minutesPerMql(
            ctx.silver(Entity.SALES_ACTIVITIES),
            stageEvents,
            spec.cohort().mqlStage(),
            range.horizon(),
            a.minutesPerMql());
    Double capacity =
        SalesWorkload.capacityHoursPerMonth(
            ctx.silver(Entity.REPS), a.capacityRoles(), a.defaultCapacityHours());
    double months = range.days() / SalesWorkload.DAYS_PER_MONTH;
    Dataset<Row> scoredCounts =
        scoredAll
            .groupBy("variant_id")
            .agg(
                count(lit(1)).as("total_scored_leads"),
                sum(when(col("is_mql"), 1L).otherwise(0L)).as("total_scored_mql"));
    Column hours = col("total_scored_mql").multiply(minutes).divide(60).divide(months);
    return BacktestMetrics.classification(labelled)
        .join(BacktestMetrics.ranking(labelled, lit(1L), "variant_id"), "variant_id")
        .join(scoredCounts, "variant_id")
        .withColumn("minutes_per_mql", lit(Stats.round(minutes, 6)))
        .withColumn("sales_hours_per_month", round(hours, 6))
        .withColumn("capacity_hours_per_month", lit(capacity).cast("double"))
        .withColumn(
            "capacity_utilisation_rate",
            round(
                when(
                    col("capacity_hours_per_month").gt(0),
                    hours.divide(col("capacity_hours_per_month"))),
                BacktestMetrics.DIGITS));
  }

  /** AUC and precision of a and b and their differences, from the metrics. */
  private static Dataset<Row> withPointEstimates(Dataset<Row> comparisons, Dataset<Row> metrics) {
    Dataset<Row> ma =
        metrics.select(
            col("variant_id").as("variant_a"),
            col("roc_auc").as("roc_auc_a"),
            col("precision").as("precision_a"));
    Dataset<Row> mb =
        metrics.select(
            col("variant_id").as("variant_b"),
            col("roc_auc").as("roc_auc_b"),
            col("precision").as("precision_b"));
    return comparisons
        .join(ma, "variant_a")
        .join(mb, "variant_b")
        .withColumn(
            "roc_auc_diff", round(col("roc_auc_a").minus(col("roc_auc_b")), BacktestMetrics.DIGITS))
        .withColumn(
            "precision_diff",
            round(col("precision_a").minus(col("precision_b")), BacktestMetrics.DIGITS));
  }

  private static Dataset<Row> variantRows(
      SparkSession spark,
      BacktestSpec spec,
      List<Variant> variants,
      Map<String, LearnedChallenger.Trained> trained) {
    List<Row> rows = new ArrayList<>();
    int i = 1;
    for (Variant v : variants) {
      LearnedChallenger.Trained t = trained.get(v.id());
      rows.add(
          RowFactory.create(
              spec.experimentId(),
              v.id(),
              i++,
              v.kind().name().toLowerCase(java.util.Locale.ROOT),
              v.threshold(),
              v.id().equals(spec.championId()),
              v.source(),
              Variants.toJson(v),
              t == null ? null : t.trainingLeads(),
              t == null ? null : t.trainingOutcomes()));
    }
    return spark.createDataFrame(rows, BacktestTables.VARIANTS.schema());
  }

  private static Dataset<Row> experimentRow(
      SparkSession spark,
      BacktestSpec spec,
      String runId,
      LocalDate runDate,
      Range range,
      LocalDate trainingFrom,
      List<Variant> variants,
      Counts counts,
      Map<String, Long> inputVersions,
      long evaluationMs) {
    BacktestSpec.Cohort c = spec.cohort();
    BacktestSpec.Analysis a = spec.analysis();
    List<Row> versions = new ArrayList<>();
    inputVersions.forEach((t, v) -> versions.add(RowFactory.create(t, v)));
    Row row =
        RowFactory.create(
            spec.experimentId(),
            spec.sourceExperimentId(),
            runId,
            new Timestamp(System.currentTimeMillis()),
            Date.valueOf(runDate),
            spec.championId(),
            variants.stream().map(Variant::id).toList(),
            Date.valueOf(range.from()),
            Date.valueOf(range.to()),
            range.horizon(),
            c.zone().getId(),
            c.decisionTime().toString(),
            c.outcomeStage(),
            c.outcomeWindowDays(),
            c.mqlStage(),
            spec.trainCutoff() == null ? null : Date.valueOf(trainingFrom),
            spec.trainCutoff() == null ? null : Date.valueOf(spec.trainCutoff()),
            a.bootstrap().replicates(),
            a.bootstrap().seed(),
            a.bootstrap().confidence(),
            a.mcnemarExactBelow(),
            a.calibrationBinWidth(),
            a.minutesPerMql(),
            a.defaultCapacityHours(),
            a.capacityRoles(),
            counts.inRange(),
            counts.labelled(),
            counts.censored(),
            counts.noDecision(),
            counts.outcomeBeforeDecision(),
            counts.fitNotPointInTime(),
            versions,
            evaluationMs);
    return spark.createDataFrame(List.of(row), BacktestTables.EXPERIMENTS.schema());
  }
}
