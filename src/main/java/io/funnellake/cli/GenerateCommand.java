package io.funnellake.cli;

import io.funnellake.config.ConfigLoader;
import io.funnellake.config.FunnelConfig;
import io.funnellake.generate.GenerateOptions;
import io.funnellake.generate.GenerateSummary;
import io.funnellake.generate.Generator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel generate}: writes a synthetic company's CRM exports into a landing folder. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a synthetic company (leads, status history, campaigns, responses, sales "
          + "activities, opportunities, reps, accounts, content, currency rates) as CSV exports "
          + "in the canonical landing layout: <out>/<entity>/<date>/<entity>-<date>.csv[.gz], "
          + "one file per entity and day, week or month.",
      "The same options always give the same files."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--leads", required = true, paramLabel = "N", description = "Number of leads.")
  long leads;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Landing root to write into (local folder or Hadoop URI).")
  String out;

  @Option(
      names = "--start",
      defaultValue = GenerateOptions.DEFAULT_START,
      paramLabel = "yyyy-MM-dd",
      description = "First day (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(
      names = "--end",
      defaultValue = GenerateOptions.DEFAULT_END,
      paramLabel = "yyyy-MM-dd",
      description = "Last day; nothing is dated after it (default: ${DEFAULT-VALUE}).")
  String end;

  @Option(
      names = "--files",
      defaultValue = "day",
      paramLabel = "day|week|month",
      description = "Period one export file covers (default: ${DEFAULT-VALUE}).")
  String files;

  @Option(names = "--gzip", description = "Write .csv.gz files.")
  boolean gzip;

  @Option(
      names = "--defect-rate",
      defaultValue = "0",
      paramLabel = "R",
      description = "Share of per-lead rows given a defect ingest must quarantine (default: 0).")
  double defectRate;

  @Option(
      names = "--overwrite",
      description = "Replace entity folders already in --out (default: refuse).")
  boolean overwrite;

  @Override
  public Integer call() {
    // checked before Spark starts, so bad options fail fast
    GenerateOptions options =
        GenerateOptions.parse(leads, seed, out, start, end, files, gzip, defectRate, overwrite);
    FunnelConfig config = ConfigLoader.load(null, Map.of());
    GenerateSummary summary =
        SparkJob.run(config, "generate", lakehouse -> Generator.run(lakehouse.spark(), options));
    summary.print(System.out);
    return 0;
  }
}
