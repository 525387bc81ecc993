package io.funnellake.pipeline;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.PseudonymKeys;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.Errors;
import io.funnellake.ingest.Ingest;
import io.funnellake.ingest.OpsTables;
import io.funnellake.ingest.Recovery;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.mapping.SourceMappings;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.Marts;
import io.funnellake.marts.goals.GoalsSettings;
import io.funnellake.marts.goals.Targets;
import io.funnellake.publish.FailPoints;
import io.funnellake.publish.MartWriter;
import io.funnellake.publish.Publications;
import io.funnellake.publish.RunLog;
import io.funnellake.quality.FieldRule;
import io.funnellake.quality.IngestChecks;
import io.funnellake.quality.QualityResult;
import io.funnellake.quality.QualityResults;
import io.funnellake.quality.QualityRule;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The nightly run: recover dead runs, ingest new files (raw -> bronze -> silver), check quality,
 * build the marts into new unpublished versions and audit them, then publish all gold tables in one
 * commit. Any failure leaves the previous publication in place and the load rolled back.
 */
public final class NightlyPipeline {
  private final Lakehouse lakehouse;
  private final FunnelConfig config;
  private final NightlyOptions options;
  private final List<Mart> marts;
  private final List<RunLog.Step> steps = new ArrayList<>();

  /** A run that builds the configured marts ({@link Marts#selected}: all by default). */
  public NightlyPipeline(Lakehouse lakehouse, FunnelConfig config, NightlyOptions options) {
    this(lakehouse, config, options, Marts.selected(config));
  }

  /**
   * A run that builds only {@code marts}, in order (each must follow the intermediates it reads):
   * pipeline tests that check loading, rollback and publishing need not build every mart.
   */
  public NightlyPipeline(
      Lakehouse lakehouse, FunnelConfig config, NightlyOptions options, List<Mart> marts) {
    this.lakehouse = lakehouse;
    this.config = config;
    this.options = options;
    this.marts = List.copyOf(marts);
  }

  public NightlySummary run() {
    // validate everything that can be validated before anything is written
    List<EntityMapping> mappings = SourceMappings.loadAll(config);
    List<QualityRule> rules = QualityRule.parse(config.section("quality"));
    List<FieldRule> fieldRules = FieldRule.parse(config);
    // a malformed targets file fails before anything is written
    GoalsSettings goals = GoalsSettings.of(config);
    Targets.load(goals.targetsFile(), goals.targetsKey());
    Pseudonyms pseudonyms =
        PseudonymKeys.resolve(
            config.pseudonym(),
            lakehouse.root(),
            lakehouse.spark().sparkContext().hadoopConfiguration());
    OpsTables.ensure(lakehouse);
    RunLog runLog = new RunLog(lakehouse);
    String recorded = runLog.recordedKeyId();
    if (recorded != null && !recorded.equals(pseudonyms.keyId()) && !options.fullRefresh()) {
      throw Errors.pseudonymKeyChanged(lakehouse.root(), recorded, pseudonyms.keyId());
    }

    String runId = RunIds.next();
    runLog.start(
        runId,
        "nightly",
        config.runDate(),
        new Timestamp(System.currentTimeMillis()),
        pseudonyms.keyId());
    FailPoints.check("after_run_start");
    Recovery recovery = new Recovery(lakehouse);
    Map<String, Long> written = new LinkedHashMap<>();
    try {
      List<String> recovered = recovery.recoverDeadRuns(runId);
      FailPoints.check("after_recovery");
      if (options.fullRefresh()) {
        for (String folder : List.of("bronze", "silver", "ops/ingest_log", "ops/quarantine")) {
          lakehouse.deleteFolder(folder);
        }
        OpsTables.ensure(lakehouse);
      }
      Ingest.Result ingest =
          timed(
              "ingest",
              () ->
                  new Ingest(lakehouse, config, pseudonyms, runId, options.reprocess())
                      .run(mappings));
      written.putAll(ingest.tableVersions());
      recordRows(
          "ingest",
          ingest.counts().stream().mapToLong(Ingest.MappingCounts::rowsRead).sum(),
          ingest.counts().stream().mapToLong(Ingest.MappingCounts::rowsAccepted).sum(),
          ingest.counts().stream().mapToLong(Ingest.MappingCounts::rowsQuarantined).sum()
              + " quarantined");
      FailPoints.check("after_ingest");

      List<QualityResult> quality =
          new ArrayList<>(
              timed(
                  "quality",
                  () ->
                      IngestChecks.evaluate(
                          rules,
                          fieldRules,
                          config.stages().leadOrder(),
                          lakehouse,
                          runId,
                          ingest)));
      FailPoints.check("after_quality");
      MartWriter.Result built =
          timed(
              "marts",
              () ->
                  new MartWriter(
                          lakehouse,
                          config.section("marts").integer("parallelism"),
                          config.section("marts").bool("incremental"))
                      .buildAll(marts, new MartContext(lakehouse, config, pseudonyms)));
      written.putAll(built.allVersions());
      // each mart's build time after the step's own line: ops.run_log shows where a night went
      steps.addAll(built.buildTimes());
      quality.addAll(built.audits());
      QualityResults.append(lakehouse, runId, quality);

      List<String> blocking =
          quality.stream()
              .filter(QualityResult::blocks)
              .map(q -> q.rule() + ": " + q.message())
              .toList();
      if (!blocking.isEmpty() && !options.forcePublish()) {
        runLog.finish(runId, RunLog.BLOCKED, String.join("; ", blocking), steps, written, null);
        throw Errors.qualityGateFailed(runId, blocking);
      }
      FailPoints.check("before_publish");
      long seq =
          timed(
              "publish",
              () ->
                  // keeps gold tables no mart writes (backtest results) at their published
                  // versions; a full publish would drop them from the catalog
                  new Publications(lakehouse)
                      .publishChanges(runId, config.runDate(), built.goldVersions()));
      FailPoints.check("after_publish");
      String message =
          blocking.isEmpty()
              ? null
              : "published with --force-publish despite: " + String.join("; ", blocking);
      runLog.finish(runId, RunLog.SUCCEEDED, message, steps, written, seq);
      FailPoints.check("after_run_log");
      Catalog.register(lakehouse);
      return new NightlySummary(
          runId, RunLog.SUCCEEDED, ingest, written, quality, seq, steps, recovered);
    } catch (RuntimeException e) {
      if (!(e instanceof io.funnellake.errors.FunnelException fe
          && fe.code().equals("QUALITY_GATE"))) {
        try {
          recovery.rollBackUncommittedLoad(runId);
          runLog.finish(runId, RunLog.FAILED, firstLine(e), steps, written, null);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  private <T> T timed(String step, Supplier<T> work) {
    long t0 = System.nanoTime();
    T result = work.get();
    steps.add(new RunLog.Step(step, (System.nanoTime() - t0) / 1_000_000, 0, 0, null));
    return result;
  }

  /** Adds row counts to the last recorded step of that name. */
  private void recordRows(String step, long in, long out, String detail) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      RunLog.Step s = steps.get(i);
      if (s.step().equals(step)) {
        steps.set(i, new RunLog.Step(step, s.durationMs(), in, out, detail));
        return;
      }
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.length() > 2000 ? m.substring(0, 2000) : m;
  }
}
