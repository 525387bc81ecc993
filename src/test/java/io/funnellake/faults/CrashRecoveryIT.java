package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.generate.FilePeriod;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Marts;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.RunLog;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.PiiValues;
import io.funnellake.testing.PrivacyScan;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run as a separate process, killed at many points across ingest, silver, gold and
 * publish: at named fail points ({@code FUNNEL_HALT_AT}, which halts the JVM like {@code kill -9})
 * and with real SIGKILLs while Delta files are being written. Nights are chained: each kill hits a
 * run that would add the next night's files on top of the previous good state. After every kill the
 * published gold (read through the catalog views) is exactly the previous publication (or the new
 * one, for kills after the publication commit) and the dead run's load is all or nothing in the
 * ingest log; the re-run, in this JVM, ends exactly where an uninterrupted run ends: every silver
 * and gold table, bronze rows per file, the ingest log's accounting and the quarantine. One night
 * runs uninterrupted while a reader queries gold and must only ever see a complete publication.
 */
class CrashRecoveryIT {
  static final String FIRST_DAY = "2025-11-03";
  static final String LAST_DAY = "2025-11-10";
  static final List<String> ENTITIES =
      List.of("leads", "lead_status_history", "campaign_responses", "sales_activities");

  @TempDir static Path tmp;
  static Path landing;
  static List<String> nights;
  static final Map<String, LakehouseState> REFERENCE = new LinkedHashMap<>();
  static final List<String> REPORT = new ArrayList<>();

  /** One way to kill one run. */
  private sealed interface Kill {}

  /** Halt at a fail point; {@code published}: the point comes after the publication commit. */
  private record Halt(String point, boolean published) implements Kill {}

  /** SIGKILL as soon as the run creates a data file in a layer (mid Delta write). */
  private record KillOnWrite(String layer) implements Kill {}

  /** SIGKILL after a share of an uninterrupted child run's duration. */
  private record KillAfter(double share) implements Kill {}

  /**
   * What happens to each night after the first: an uninterrupted run with a concurrent reader, then
   * kills, several per night where a later attempt dies while recovering an earlier one.
   */
  private static List<List<Kill>> plan() {
    String firstMart = Marts.all().get(0).name();
    return List.of(
        List.of(),
        List.of(
            new Halt("after_run_start", false),
            new Halt("after_bronze:", false),
            // dies while undoing the bronze rows of the attempt before
            new Halt("after_rollback_bronze", false)),
        List.of(
            new KillOnWrite(Lakehouse.BRONZE),
            new Halt("after_silver:canonical/lead_status_history", false)),
        List.of(
            new Halt("after_ingest_log", false),
            // loads nothing new and dies after checking the load the attempt before committed
            new Halt("after_quality", false)),
        List.of(new KillOnWrite(Lakehouse.SILVER), new Halt("after_mart:" + firstMart, false)),
        List.of(new KillOnWrite(Lakehouse.GOLD), new Halt("before_publish", false)),
        List.of(new Halt("after_publish_commit", true), new Halt("after_run_log", true)));
  }

  @BeforeAll
  static void generateAndComputeTheReference() throws IOException {
    long t0 = System.nanoTime();
    landing = tmp.resolve("landing");
    FaultRuns.generate(landing, 140, 17, FIRST_DAY, LAST_DAY, FilePeriod.DAY, 0.02);
    try (Stream<Path> folders = Files.list(landing)) {
      for (Path f : folders.toList()) {
        if (!ENTITIES.contains(f.getFileName().toString())) {
          FaultRuns.deleteTree(f);
        }
      }
    }
    nights = FaultRuns.landingDates(landing);
    assertEquals(plan().size() + 1, nights.size(), "one night per step of the plan: " + nights);
    for (String night : nights) {
      assertTrue(
          Files.isDirectory(landing.resolve("lead_status_history/" + night)),
          "every night brings status changes (a halt point names that mapping): " + night);
    }
    Path ref = tmp.resolve("reference");
    for (String night : nights) {
      nightly(ref, night);
      REFERENCE.put(night, LakehouseState.capture(FaultRuns.lakehouse(ref)));
    }
    REPORT.add(
        String.format(
            "reference: %d uninterrupted nights in %.0f s",
            nights.size(), (System.nanoTime() - t0) / 1e9));
  }

  private static NightlySummary nightly(Path lakehouse, String night) {
    return FaultRuns.nightly(
        lakehouse,
        landing.toString(),
        night,
        io.funnellake.pipeline.NightlyOptions.DEFAULT,
        "quality.rules",
        FaultRuns.RULES_WITHOUT_VOLUME);
  }

  private static NightlyProcess child(Path lakehouse, String night, String haltAt) {
    return NightlyProcess.start(
        lakehouse,
        landing,
        night,
        haltAt,
        tmp.resolve("child.log"),
        "quality.rules=" + FaultRuns.RULES_WITHOUT_VOLUME);
  }

  @Test
  void killedRunsLeaveThePublicationAsItWasAndReRunsEndAsAnUninterruptedRun() throws Exception {
    long t0 = System.nanoTime();
    Path lhDir = tmp.resolve("lakehouse");
    Lakehouse lh = FaultRuns.lakehouse(lhDir);
    nightly(lhDir, nights.get(0));
    REFERENCE.get(nights.get(0)).assertSameAs(LakehouseState.capture(lh), "first night");

    List<List<Kill>> plan = plan();
    long cleanRunMillis = 0;
    int kills = 0;
    for (int i = 0; i < plan.size(); i++) {
      String previous = nights.get(i);
      String night = nights.get(i + 1);
      LakehouseState before = REFERENCE.get(previous);
      LakehouseState after = REFERENCE.get(night);
      Map<String, List<String>> publishedBefore = FaultRuns.goldViews(lh);
      assertEquals(before.gold(), publishedBefore, "views of " + previous);
      if (plan.get(i).isEmpty()) {
        cleanRunMillis = uninterruptedWithReader(lh, night, publishedBefore, after);
        continue;
      }
      boolean published = false;
      for (Kill kill : plan.get(i)) {
        long k0 = System.nanoTime();
        String deadRun = kill(lhDir, night, kill, cleanRunMillis);
        kills++;
        published |= kill instanceof Halt h && h.published();
        Map<String, List<String>> seen = FaultRuns.goldViews(lh);
        if (kill instanceof KillAfter) {
          published = seen.equals(after.gold());
          assertTrue(published || seen.equals(publishedBefore), night + ": a mix after " + kill);
        } else {
          assertEquals(published ? after.gold() : publishedBefore, seen, night + " after " + kill);
        }
        assertLoadAllOrNothing(lh, deadRun, before, after, night + " after " + kill);
        REPORT.add(
            String.format(
                "%s %s: killed after %.1f s; gold %s",
                night,
                kill,
                (System.nanoTime() - k0) / 1e9,
                published ? "newly published" : "as before"));
      }
      long r0 = System.nanoTime();
      List<String> dead = running(lh);
      NightlySummary rerun = nightly(lhDir, night);
      assertEquals(
          new java.util.TreeSet<>(dead),
          new java.util.TreeSet<>(rerun.recovered()),
          night + ": the re-run recovers the dead runs");
      after.assertSameAs(LakehouseState.capture(lh), night + ": re-run after " + plan.get(i));
      assertEquals(after.gold(), FaultRuns.goldViews(lh), night + " views after the re-run");
      assertEquals(
          0L,
          lh.read(Lakehouse.OPS, RunLog.TABLE).filter("status = 'running'").count(),
          "no run left running");
      REPORT.add(
          String.format(
              "%s re-run: equal to the reference (%.1f s)", night, (System.nanoTime() - r0) / 1e9));
    }
    PiiValues pii = PiiValues.fromLanding(landing);
    assertEquals(
        List.of(),
        PrivacyScan.reportFindings(tmp.resolve("child.log"), pii),
        "the nightly's output names no person");
    REPORT.add(
        String.format(
            "%d kills over %d nights in %.0f s",
            kills, plan.size(), (System.nanoTime() - t0) / 1e9));
    REPORT.forEach(System.out::println);
  }

  /**
   * Kills one run of {@code night} and returns its run id (the run the log still shows running).
   */
  private static String kill(Path lhDir, String night, Kill kill, long cleanRunMillis)
      throws Exception {
    Lakehouse lh = FaultRuns.lakehouse(lhDir);
    List<String> runningBefore = running(lh);
    NightlyProcess p;
    if (kill instanceof Halt h) {
      p = child(lhDir, night, h.point());
      assertEquals(
          NightlyProcess.HALTED, p.waitFor(), "exit code; see " + tmp.resolve("child.log"));
      assertTrue(
          p.output().contains("FUNNEL_HALT_AT reached: " + h.point()),
          "halted at " + h.point() + "; see " + tmp.resolve("child.log"));
    } else if (kill instanceof KillOnWrite w) {
      try (WatchService watch = FileSystems.getDefault().newWatchService()) {
        for (String table : lh.tables(w.layer())) {
          lhDir
              .resolve(w.layer())
              .resolve(table)
              .register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        }
        p = child(lhDir, night, null);
        awaitDataFile(watch, p);
        p.kill();
        p.waitFor();
      }
    } else {
      p = child(lhDir, night, null);
      long at = (long) (cleanRunMillis * ((KillAfter) kill).share());
      while (p.isAlive() && p.elapsedMillis() < at) {
        Thread.sleep(20);
      }
      p.kill();
      p.waitFor();
    }
    List<String> dead = running(lh);
    dead.removeAll(runningBefore);
    if (dead.isEmpty() && !(kill instanceof KillOnWrite)) {
      // killed after the run log recorded the end: the run itself was complete
      return lh.read(Lakehouse.OPS, RunLog.TABLE)
          .orderBy(org.apache.spark.sql.functions.col("started_at").desc())
          .head()
          .getString(0);
    }
    assertEquals(1, dead.size(), "one run left running by the killed process: " + dead);
    return dead.get(0);
  }

  /** Blocks until the process creates a Delta data file in a watched folder (or ends). */
  private static void awaitDataFile(WatchService watch, NightlyProcess p) throws Exception {
    while (p.isAlive()) {
      WatchKey key = watch.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (key == null) {
        continue;
      }
      for (WatchEvent<?> e : key.pollEvents()) {
        if (e.context().toString().endsWith(".parquet")) {
          return;
        }
      }
      key.reset();
    }
    throw new AssertionError("the run ended before writing a data file");
  }

  private static List<String> running(Lakehouse lh) {
    List<String> out = new ArrayList<>();
    for (Row r :
        lh.read(Lakehouse.OPS, RunLog.TABLE)
            .filter("status = 'running'")
            .select("run_id")
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** The dead run's ingest log entries are none or exactly those of an uninterrupted night. */
  private static void assertLoadAllOrNothing(
      Lakehouse lh, String runId, LakehouseState before, LakehouseState after, String context) {
    long logged = lh.read(Lakehouse.OPS, "ingest_log").filter("load_id = '" + runId + "'").count();
    long night = after.ingestLog().size() - before.ingestLog().size();
    assertTrue(
        logged == 0 || logged == night, context + ": " + logged + " of " + night + " logged");
  }

  /**
   * Runs the night to the end in a child process while this JVM reads gold through the catalog
   * views again and again; every read must be the whole previous or the whole new publication.
   */
  private static long uninterruptedWithReader(
      Lakehouse lh, String night, Map<String, List<String>> previous, LakehouseState after)
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    NightlyProcess p = child(Path.of(lh.root()), night, null);
    Future<int[]> reads =
        pool.submit(
            () -> {
              int[] seen = new int[2];
              while (p.isAlive()) {
                Map<String, List<String>> gold = FaultRuns.goldViews(lh);
                if (gold.equals(previous)) {
                  seen[0]++;
                } else {
                  assertEquals(after.gold(), gold, night + ": a read mixing publications");
                  seen[1]++;
                }
              }
              return seen;
            });
    assertEquals(0, p.waitFor(), "uninterrupted run; see " + tmp.resolve("child.log"));
    long millis = p.elapsedMillis();
    int[] seen = reads.get();
    pool.shutdown();
    after.assertSameAs(LakehouseState.capture(lh), night + ": child run vs in-JVM reference");
    assertEquals(after.gold(), FaultRuns.goldViews(lh));
    REPORT.add(
        String.format(
            "%s uninterrupted child run %.1f s; concurrent reads: %d of the previous, %d of the new"
                + " publication, none mixed",
            night, millis / 1e3, seen[0], seen[1]));
    return millis;
  }
}
