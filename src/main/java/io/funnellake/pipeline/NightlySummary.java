package io.funnellake.pipeline;

import io.funnellake.ingest.Ingest;
import io.funnellake.publish.RunLog;
import io.funnellake.quality.QualityResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a nightly run did; printed by {@code ./funnel nightly}. */
public record NightlySummary(
    String runId,
    String status,
    Ingest.Result ingest,
    Map<String, Long> tablesWritten,
    List<QualityResult> quality,
    Long publicationSeq,
    List<RunLog.Step> steps,
    List<String> recovered) {

  public void print(PrintStream out) {
    out.println("Run " + runId + ": " + status);
    if (!recovered.isEmpty()) {
      out.println("Recovered runs that died earlier: " + String.join(", ", recovered));
    }
    out.printf(
        "%-64s %6s %10s %10s %12s %9s%n",
        "mapping -> entity", "files", "rows in", "accepted", "quarantined", "filtered");
    for (Ingest.MappingCounts c : ingest.counts()) {
      out.printf(
          "%-64s %6d %10d %10d %12d %9d%n",
          c.mapping() + " -> " + c.entity(),
          c.files(),
          c.rowsRead(),
          c.rowsAccepted(),
          c.rowsQuarantined(),
          c.rowsFiltered());
    }
    if (ingest.counts().isEmpty()) {
      out.println("(no new files)");
    }
    for (String n : ingest.notes()) {
      out.println("note: " + n);
    }
    for (QualityResult q : quality) {
      if (!q.status().equals(QualityResult.PASS)) {
        out.println(
            "quality "
                + q.level().name().toLowerCase()
                + " "
                + q.rule()
                + ": "
                + q.status()
                + " - "
                + q.message());
      }
    }
    out.println("Tables written: " + tablesWritten.size());
    tablesWritten.forEach((t, v) -> out.println("  " + t + " @ v" + v));
    out.println(
        publicationSeq == null
            ? "Not published."
            : "Published as publication " + publicationSeq + ".");
    for (RunLog.Step s : mainSteps()) {
      out.printf("step %-10s %8.1f s%n", s.step(), s.durationMs() / 1000.0);
    }
    List<RunLog.Step> slowest = slowestMarts(5);
    if (!slowest.isEmpty()) {
      out.println("slowest marts: " + describe(slowest) + " (every mart in ops.run_log)");
    }
  }

  /** "table 12.3 s, ..." for mart build steps. */
  public static String describe(List<RunLog.Step> martSteps) {
    return martSteps.stream()
        .map(
            s ->
                String.format(
                    Locale.ROOT,
                    "%s %.1f s",
                    s.step().substring(RunLog.MART_STEP.length()),
                    s.durationMs() / 1000.0))
        .collect(Collectors.joining(", "));
  }

  /** The night's steps (ingest, quality, marts, publish), without the per-mart builds. */
  public List<RunLog.Step> mainSteps() {
    return steps.stream().filter(s -> !isMartBuild(s)).toList();
  }

  private static boolean isMartBuild(RunLog.Step s) {
    return s.step().startsWith(RunLog.MART_STEP);
  }

  /** The {@code n} slowest mart builds, slowest first. */
  public List<RunLog.Step> slowestMarts(int n) {
    return steps.stream()
        .filter(NightlySummary::isMartBuild)
        .sorted((a, b) -> Long.compare(b.durationMs(), a.durationMs()))
        .limit(n)
        .toList();
  }
}
