package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.Errors;
import io.funnellake.ingest.OpsTables;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.pipeline.RunIds;
import io.funnellake.publish.Publications;
import io.funnellake.publish.RunLog;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Runs a backtest as a job: pins the inputs at their current Delta versions, evaluates, writes the
 * experiment's rows to the gold tables, checks their grain, and publishes only those tables ({@link
 * Publications#publishChanges}: every other gold table stays at its published version). Recorded in
 * ops.run_log as command {@code backtest}. {@link #rerun} repeats a published experiment from its
 * recorded versions and parameters.
 */
public final class BacktestRunner {
  /** What a run did. */
  public record Outcome(
      String experimentId,
      String runId,
      long publicationSeq,
      Map<String, Long> inputVersions,
      Map<String, Long> tablesWritten,
      Backtest.Result result,
      long wallMs) {}

  private final Lakehouse lakehouse;
  private final FunnelConfig config;
  private final Pseudonyms pseudonyms;

  public BacktestRunner(Lakehouse lakehouse, FunnelConfig config, Pseudonyms pseudonyms) {
    this.lakehouse = lakehouse;
    this.config = config;
    this.pseudonyms = pseudonyms;
  }

  /** A new experiment id: {@code exp-<run id>}. */
  public static String newExperimentId() {
    return "exp-" + RunIds.next();
  }

  /** Runs the spec on the inputs as they are now. */
  public Outcome run(BacktestSpec spec) {
    return run(spec, ExperimentInputs.current(lakehouse));
  }

  /**
   * Computes the spec on the inputs as they are now, writing and publishing nothing (for notebooks:
   * look first, {@link #run} what is worth keeping). Call {@code release()} on the result when
   * done.
   */
  public Backtest.Result evaluate(BacktestSpec spec) {
    Map<String, Long> versions = ExperimentInputs.current(lakehouse);
    MartContext ctx =
        ExperimentInputs.pinned(lakehouse, config, pseudonyms, versions, spec.experimentId());
    return Backtest.evaluate(ctx, spec, versions, "(not run)");
  }

  /**
   * Re-runs a published experiment from its recorded input versions (time travel), variant
   * definitions and parameters, under a new experiment id.
   */
  public Outcome rerun(String experimentId, String newExperimentId) {
    Recorded r = recorded(experimentId);
    return run(r.spec().withExperimentId(newExperimentId), r.versions());
  }

  /** A recorded experiment's spec (source set to it) and input versions. */
  public record Recorded(BacktestSpec spec, Map<String, Long> versions) {}

  /** Reads a published experiment. */
  public Recorded recorded(String experimentId) {
    Map<String, Long> published = new Publications(lakehouse).latest();
    String table = Lakehouse.GOLD + "." + BacktestTables.EXPERIMENTS.name();
    Long ev = published.get(BacktestTables.EXPERIMENTS.name());
    Long vv = published.get(BacktestTables.VARIANTS.name());
    if (ev == null || vv == null) {
      throw Errors.experimentNotFound(experimentId, table);
    }
    // one row per experiment and one per variant: bounded
    List<Row> rows =
        lakehouse
            .read(Lakehouse.GOLD, BacktestTables.EXPERIMENTS.name(), ev)
            .filter(col("experiment_id").equalTo(experimentId))
            .collectAsList();
    if (rows.isEmpty()) {
      throw Errors.experimentNotFound(experimentId, table);
    }
    Row e = rows.get(0);
    List<Variant> variants = new ArrayList<>();
    for (Row v :
        lakehouse
            .read(Lakehouse.GOLD, BacktestTables.VARIANTS.name(), vv)
            .filter(col("experiment_id").equalTo(experimentId))
            .orderBy("variant_order")
            .select("variant_id", "definition_json")
            .collectAsList()) {
      variants.add(
          Variants.parse(
              "experiment " + experimentId + " variant " + v.getString(0), v.getString(1)));
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    for (Row iv : e.<Row>getList(e.fieldIndex("input_versions"))) {
      versions.put(iv.getString(0), iv.getLong(1));
    }
    BacktestSpec spec =
        new BacktestSpec(
            experimentId,
            variants,
            e.getAs("champion_id"),
            new BacktestSpec.Cohort(
                e.<java.sql.Date>getAs("date_from").toLocalDate(),
                e.<java.sql.Date>getAs("date_to").toLocalDate(),
                ZoneId.of(e.getAs("reporting_time_zone")),
                DecisionTime.parse(e.getAs("decision_time")),
                e.getAs("outcome_stage"),
                e.<Integer>getAs("outcome_window_days"),
                e.getAs("mql_stage")),
            new BacktestSpec.Analysis(
                new PairedComparison.Bootstrap(
                    e.<Integer>getAs("bootstrap_replicates"),
                    e.<Long>getAs("bootstrap_seed"),
                    e.<Double>getAs("bootstrap_confidence")),
                e.<Integer>getAs("mcnemar_exact_below"),
                e.<Double>getAs("calibration_bin_width"),
                e.<Double>getAs("minutes_per_mql_default"),
                e.<Double>getAs("default_capacity_hours"),
                e.getList(e.fieldIndex("capacity_roles"))),
            null, // the learned variant is recorded with its weights: no training again
            ScoringSettings.of(config).model(),
            experimentId);
    return new Recorded(spec, versions);
  }

  private Outcome run(BacktestSpec spec, Map<String, Long> versions) {
    long t0 = System.nanoTime();
    OpsTables.ensure(lakehouse);
    RunLog runLog = new RunLog(lakehouse);
    String runId = RunIds.next();
    runLog.start(
        runId,
        "backtest",
        config.runDate(),
        new Timestamp(System.currentTimeMillis()),
        pseudonyms.keyId());
    List<RunLog.Step> steps = new ArrayList<>();
    Map<String, Long> written = new LinkedHashMap<>();
    try {
      lakehouse.spark().sparkContext().setJobGroup("backtest", spec.experimentId(), false);
      MartContext ctx =
          ExperimentInputs.pinned(lakehouse, config, pseudonyms, versions, spec.experimentId());
      long s = System.nanoTime();
      Backtest.Result result = Backtest.evaluate(ctx, spec, versions, runId);
      written.putAll(BacktestTables.write(lakehouse, spec.experimentId(), result.tables()));
      steps.add(step("evaluate_and_write", s));
      s = System.nanoTime();
      long seq = new Publications(lakehouse).publishChanges(runId, config.runDate(), written);
      steps.add(step("publish", s));
      result.release();
      runLog.finish(
          runId,
          RunLog.SUCCEEDED,
          "experiment " + spec.experimentId(),
          steps,
          prefixed(written),
          seq);
      Catalog.register(lakehouse);
      return new Outcome(
          spec.experimentId(),
          runId,
          seq,
          versions,
          written,
          result,
          (System.nanoTime() - t0) / 1_000_000);
    } catch (RuntimeException e) {
      try {
        runLog.finish(
            runId, RunLog.FAILED, String.valueOf(e.getMessage()), steps, prefixed(written), null);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static RunLog.Step step(String name, long startNanos) {
    return new RunLog.Step(name, (System.nanoTime() - startNanos) / 1_000_000, 0, 0, null);
  }

  private static Map<String, Long> prefixed(Map<String, Long> gold) {
    Map<String, Long> out = new LinkedHashMap<>();
    gold.forEach((t, v) -> out.put(Lakehouse.GOLD + "." + t, v));
    return out;
  }
}
