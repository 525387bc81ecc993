package io.funnellake.bench;

import io.funnellake.config.FunnelConfig;
import io.funnellake.generate.FilePeriod;
import io.funnellake.generate.GenerateOptions;
import io.funnellake.generate.Generator;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.RunLog;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark behind {@code funnel bench}: per scale, generate (or reuse) a synthetic company,
 * then time a bare scan of the raw files, a full nightly run from an empty lakehouse, an
 * incremental night with one more day of data, and the DuckDB peer on the resulting silver tables.
 * Everything runs in this JVM and its one SparkSession, so peak heap is the job's heap.
 */
public final class Benchmark {
  /** What a run measures; {@code configFor} turns step overrides into the job's config. */
  public record Options(
      List<Long> leads,
      long seed,
      Path out,
      boolean peer,
      Function<Map<String, String>, FunnelConfig> configFor) {}

  private final SparkSession spark;
  private final Options options;

  public Benchmark(SparkSession spark, Options options) {
    this.spark = spark;
    this.options = options;
  }

  public BenchReport run() {
    List<BenchStep> steps = new ArrayList<>();
    for (long leads : options.leads()) {
      steps.addAll(runScale(leads));
    }
    return new BenchReport(options.seed(), HeapSampler.maxHeapMb(), cores(), steps);
  }

  private List<BenchStep> runScale(long leads) {
    LocalDate end = LocalDate.parse(GenerateOptions.DEFAULT_END);
    Path landing = options.out().resolve("data-" + leads + "-seed" + options.seed());
    generateOnce(leads, landing);
    Path lakehouse = options.out().resolve("lakehouse-" + leads);
    deleteRecursively(lakehouse);
    List<BenchStep> steps = new ArrayList<>();

    steps.add(
        measure(
            leads,
            "bare_scan",
            () -> {
              long lines =
                  spark
                      .read()
                      .option("recursiveFileLookup", "true")
                      .option("pathGlobFilter", "*.csv*")
                      .text(landing.toString())
                      .count();
              return new Outcome(lines, "raw lines incl. headers, all days");
            }));

    // the full run stops one day short, so the incremental night has a new day to load
    steps.add(
        measure(
            leads,
            "full_run",
            () -> nightly(landing, lakehouse, end.minusDays(1), "from an empty lakehouse")));
    steps.add(
        measure(
            leads,
            "incremental_run",
            () -> nightly(landing, lakehouse, end, "one more day (" + end + ")")));

    if (options.peer()) {
      steps.addAll(
          new DuckDbPeer(
                  spark,
                  config(landing, lakehouse, end, Map.of()),
                  options.out().resolve("peer-" + leads),
                  extra -> config(landing, lakehouse, end, extra))
              .run(leads));
    }
    return steps;
  }

  private Outcome nightly(Path landing, Path lakehouse, LocalDate runDate, String what) {
    FunnelConfig config = config(landing, lakehouse, runDate, Map.of());
    NightlySummary summary =
        new NightlyPipeline(
                new Lakehouse(spark, config.lakehouse()), config, NightlyOptions.DEFAULT)
            .run();
    long rowsRead = summary.ingest().counts().stream().mapToLong(c -> c.rowsRead()).sum();
    String subSteps =
        summary.mainSteps().stream()
            .map(s -> s.step() + " " + seconds(s))
            .collect(Collectors.joining(", "));
    String slowest = NightlySummary.describe(summary.slowestMarts(3));
    return new Outcome(
        rowsRead, what + "; " + subSteps + (slowest.isEmpty() ? "" : "; slowest marts " + slowest));
  }

  private FunnelConfig config(
      Path landing, Path lakehouse, LocalDate runDate, Map<String, String> extra) {
    Map<String, String> o = new LinkedHashMap<>(extra);
    o.put("lakehouse", lakehouse.toAbsolutePath().toString());
    o.put("landing", landing.toAbsolutePath().toString());
    o.put("run_date", runDate.toString());
    return options.configFor().apply(o);
  }

  private void generateOnce(long leads, Path landing) {
    Path marker = landing.resolve("_BENCH_COMPLETE");
    if (Files.exists(marker)) {
      return;
    }
    GenerateOptions g =
        new GenerateOptions(
            leads,
            options.seed(),
            landing.toAbsolutePath().toString(),
            LocalDate.parse(GenerateOptions.DEFAULT_START),
            LocalDate.parse(GenerateOptions.DEFAULT_END),
            FilePeriod.DAY,
            false,
            0.0,
            true);
    Generator.run(spark, g);
    try {
      Files.writeString(marker, "leads=" + leads + " seed=" + options.seed() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Outcome(long rows, String detail) {}

  static BenchStep measure(long leads, String step, Supplier<Outcome> body) {
    try (HeapSampler heap = HeapSampler.start()) {
      long t0 = System.nanoTime();
      Outcome o = body.get();
      double secs = (System.nanoTime() - t0) / 1e9;
      System.err.printf("bench: %,d leads, %s: %.1f s%n", leads, step, secs);
      return new BenchStep(leads, step, secs, o.rows(), heap.peakMb(), o.detail());
    }
  }

  private static String seconds(RunLog.Step s) {
    return String.format("%.1f s", s.durationMs() / 1000.0);
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static void deleteRecursively(Path p) {
    File f = p.toFile();
    if (!f.exists()) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
