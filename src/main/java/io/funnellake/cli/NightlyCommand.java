package io.funnellake.cli;

import io.funnellake.config.FunnelConfig;
import io.funnellake.errors.Errors;
import io.funnellake.ingest.Ingest;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.report.Report;
import io.funnellake.report.ReportSettings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel nightly}: the whole pipeline once; what the scheduler runs every night. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline once: ingest, quality checks, marts, publish.",
      "Reads new landing files only (raw -> bronze -> silver), builds every mart into a new",
      "unpublished version, audits it, then publishes all gold tables in one commit. Safe to",
      "re-run; a failed or blocked run leaves the published tables as they were."
    })
public final class NightlyCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--reprocess-from",
      paramLabel = "yyyy-MM-dd",
      description =
          "Re-read files dated from this day although ingested before (needs --reprocess-to).")
  String reprocessFrom;

  @Option(names = "--reprocess-to", paramLabel = "yyyy-MM-dd", description = "Last day to re-read.")
  String reprocessTo;

  @Option(
      names = "--full-refresh",
      description =
          "Drop bronze, silver, quarantine and the ingest log, then load every landing file again.")
  boolean fullRefresh;

  @Option(
      names = "--force-publish",
      description =
          "Publish although an error-level quality rule failed (recorded in ops.run_log).")
  boolean forcePublish;

  @Option(
      names = "--changed-files",
      paramLabel = "fail|reingest|skip",
      description = "Override ingest.changed_files for this run.")
  String changedFiles;

  @Override
  public Integer call() {
    if (changedFiles != null) {
      configOptions.overrides.put("ingest.changed_files", changedFiles);
    }
    FunnelConfig config = configOptions.load();
    NightlyOptions options = new NightlyOptions(reprocess(), fullRefresh, forcePublish);
    ReportSettings report = ReportSettings.of(config);
    SparkJob.run(
        config,
        "nightly",
        lakehouse -> {
          NightlySummary summary = new NightlyPipeline(lakehouse, config, options).run();
          summary.print(System.out);
          // after the publication: a report failure says so, but the tables stay published
          if (report.enabled()) {
            System.out.println(
                "Report: " + Report.write(lakehouse, report, config.runDate(), null));
          }
          return summary;
        });
    return 0;
  }

  private Ingest.Options reprocess() {
    if (reprocessFrom == null && reprocessTo == null) {
      return Ingest.Options.NONE;
    }
    if (reprocessFrom == null || reprocessTo == null) {
      throw Errors.badOption(
          "--reprocess-from/--reprocess-to",
          String.valueOf(reprocessFrom == null ? reprocessTo : reprocessFrom),
          "both options together");
    }
    LocalDate from = date("--reprocess-from", reprocessFrom);
    LocalDate to = date("--reprocess-to", reprocessTo);
    if (to.isBefore(from)) {
      throw Errors.badOption(
          "--reprocess-to", reprocessTo, "a day on or after --reprocess-from " + reprocessFrom);
    }
    return new Ingest.Options(from, to);
  }

  private static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.badOption(option, value, "a date as yyyy-MM-dd");
    }
  }
}
