package io.funnellake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's figures and the ratios the performance targets are stated in. */
public record BenchReport(long seed, long maxHeapMb, int cores, List<BenchStep> steps) {

  /** A named ratio with the target it is held against (null when there is no target). */
  public record Ratio(String name, double value, Double target, String note) {
    boolean met() {
      return target == null || value <= target;
    }
  }

  public List<Ratio> ratios() {
    List<Ratio> out = new ArrayList<>();
    List<Long> scales = steps.stream().map(BenchStep::leads).distinct().toList();
    for (long n : scales) {
      String at = " at " + String.format(Locale.ROOT, "%,d", n) + " leads";
      ratio(n, "full_run", n, "bare_scan")
          .ifPresent(r -> out.add(new Ratio("full run / bare scan" + at, r, 8.0, "")));
      ratio(n, "incremental_run", n, "full_run")
          .ifPresent(r -> out.add(new Ratio("incremental / full" + at, r, 0.15, "")));
      for (BenchStep s : steps) {
        if (s.leads() == n && s.step().endsWith(":ours")) {
          String table = s.step().substring("peer:".length(), s.step().length() - ":ours".length());
          ratio(n, s.step(), n, "peer:" + table + ":duckdb")
              .ifPresent(r -> out.add(new Ratio("ours / DuckDB, " + table + at, r, 3.0, "")));
        }
      }
    }
    for (int i = 1; i < scales.size(); i++) {
      long a = scales.get(i - 1);
      long b = scales.get(i);
      double leadRatio = (double) b / a;
      for (String step : List.of("full_run", "incremental_run")) {
        final String label = step;
        ratio(b, step, a, step)
            .ifPresent(
                r ->
                    out.add(
                        new Ratio(
                            label + " time at " + b + " / at " + a + " leads",
                            r,
                            leadRatio,
                            String.format(Locale.ROOT, "%.0fx the leads", leadRatio))));
      }
    }
    return out;
  }

  private Optional<Double> ratio(long leadsA, String stepA, long leadsB, String stepB) {
    Optional<BenchStep> a = find(leadsA, stepA);
    Optional<BenchStep> b = find(leadsB, stepB);
    if (a.isEmpty() || b.isEmpty() || b.get().seconds() <= 0) {
      return Optional.empty();
    }
    return Optional.of(a.get().seconds() / b.get().seconds());
  }

  private Optional<BenchStep> find(long leads, String step) {
    return steps.stream().filter(s -> s.leads() == leads && s.step().equals(step)).findFirst();
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# funnel-lake benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Machine: %d cores, max heap %,d MB; seed %d. Local Spark, one session for all"
                + " steps (JIT warm after the first).%n%n",
            cores,
            maxHeapMb,
            seed));
    md.append("| leads | step | wall s | rows | rows/s | peak heap MB | detail |\n");
    md.append("|---:|---|---:|---:|---:|---:|---|\n");
    for (BenchStep s : steps) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %.1f | %,d | %,.0f | %,d | %s |%n",
              s.leads(),
              s.step(),
              s.seconds(),
              s.rows(),
              s.rowsPerSecond(),
              s.peakHeapMb(),
              s.detail().replace("|", "/")));
    }
    md.append("\n| ratio | value | target | met |\n|---|---:|---:|---|\n");
    for (Ratio r : ratios()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %s | %s |%n",
              r.name(),
              r.value(),
              r.target() == null ? "" : String.format(Locale.ROOT, "<= %.2f", r.target()),
              r.met() ? "yes" : "**no**"));
    }
    return md.toString();
  }

  public String json() {
    StringBuilder j = new StringBuilder();
    j.append(
        String.format(
            Locale.ROOT,
            "{\"seed\":%d,\"cores\":%d,\"max_heap_mb\":%d,\"steps\":[",
            seed,
            cores,
            maxHeapMb));
    for (int i = 0; i < steps.size(); i++) {
      BenchStep s = steps.get(i);
      j.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"leads\":%d,\"step\":%s,\"seconds\":%.3f,\"rows\":%d,"
                      + "\"rows_per_second\":%.1f,\"peak_heap_mb\":%d,\"detail\":%s}",
                  s.leads(),
                  quote(s.step()),
                  s.seconds(),
                  s.rows(),
                  s.rowsPerSecond(),
                  s.peakHeapMb(),
                  quote(s.detail())));
    }
    j.append("],\"ratios\":[");
    List<Ratio> ratios = ratios();
    for (int i = 0; i < ratios.size(); i++) {
      Ratio r = ratios.get(i);
      j.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"name\":%s,\"value\":%.4f,\"target\":%s,\"met\":%b}",
                  quote(r.name()),
                  r.value(),
                  r.target() == null ? "null" : Double.toString(r.target()),
                  r.met()));
    }
    return j.append("]}\n").toString();
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  /** Writes bench-report.md and bench-report.json into {@code dir}. */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("bench-report.md"), markdown());
      Files.writeString(dir.resolve("bench-report.json"), json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
