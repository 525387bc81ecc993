package io.funnellake.cli;

import io.funnellake.bench.BenchReport;
import io.funnellake.bench.Benchmark;
import io.funnellake.config.FunnelConfig;
import io.funnellake.errors.Errors;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel bench}: measures the pipeline against its floor and a single-node peer. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the pipeline. Per scale: generate (or reuse) a synthetic company, then time a"
          + " bare scan of the raw files, a full nightly run from an empty lakehouse, an"
          + " incremental night with one more day of data, and DuckDB computing the same gold"
          + " tables from the same silver data (results must be equal).",
      "Writes bench-report.md and bench-report.json (wall time, rows/s, peak heap per step, and"
          + " the ratios of the performance targets) into --out and prints the markdown.",
      "Set the heap with FUNNEL_HEAP (e.g. FUNNEL_HEAP=8g ./funnel bench --leads 1000000)."
    })
public final class BenchCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--leads",
      split = ",",
      defaultValue = "100000",
      paramLabel = "N[,N...]",
      description = "Scales to measure, e.g. 100000,1000000 (default: ${DEFAULT-VALUE}).")
  List<Long> leads;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      paramLabel = "DIR",
      description =
          "Folder for generated data (reused when present), lakehouses and the report"
              + " (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--no-peer", description = "Skip the DuckDB comparison.")
  boolean noPeer;

  @Override
  public Integer call() {
    for (long n : leads) {
      if (n < 1) {
        throw Errors.badOption("--leads", Long.toString(n), "positive numbers of leads");
      }
    }
    Path outDir = Path.of(out).toAbsolutePath();
    // the session's settings come from the profile; lakehouse and landing are per step
    FunnelConfig sessionConfig =
        configOptions.load(java.util.Map.of("lakehouse", outDir.resolve("session").toString()));
    BenchReport report =
        SparkJob.run(
            sessionConfig,
            "bench",
            lakehouse ->
                new Benchmark(
                        lakehouse.spark(),
                        new Benchmark.Options(
                            List.copyOf(leads), seed, outDir, !noPeer, configOptions::load))
                    .run());
    report.write(outDir);
    System.out.print(report.markdown());
    System.out.println("\nReport: " + outDir.resolve("bench-report.md"));
    return 0;
  }
}
