package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Marts;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.RunLog;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.PiiValues;
import io.funnellake.testing.PrivacyScan;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run as a separate process (the application's classpath and JVM options), killed with
 * SIGKILL at many points across ingest, silver, gold and publish: at named fail points, where
 * {@code FUNNEL_HALT_AT} makes the run wait for the kill, and as soon as it creates a Delta data
 * file in a layer (mid write). Data: the tiny fixture company, two nights. Every group of kills
 * starts from a copy of the lakehouse after the first night; within a group each attempt recovers
 * the one killed before it. After every kill the published gold (read through the catalog views) is
 * exactly the first night's publication (or the second's, for kills after the publication commit)
 * and the dead run's load is all or nothing in the ingest log; the group's re-run, in this JVM,
 * ends exactly where the uninterrupted reference run ends: every silver and gold table, bronze rows
 * per file, the ingest log's accounting and the quarantine. One child run goes uninterrupted while
 * this JVM reads gold and must only ever see a complete publication.
 */
class CrashRecoveryIT {
  static final Path LANDING = FaultRuns.TINY.resolve("landing");
  static final String FIRST = "2025-11-05";
  static final String SECOND = "2025-11-20";

  @TempDir static Path tmp;
  static Path afterFirst;
  static LakehouseState first;
  static LakehouseState second;
  static final List<String> REPORT = new ArrayList<>();

  /** One way to kill one run. */
  private sealed interface Kill {}

  /** Kill at a fail point; {@code published}: the point comes after the publication commit. */
  private record Halt(String point, boolean published) implements Kill {}

  /** SIGKILL as soon as the run creates a data file in a layer (mid Delta write). */
  private record KillOnWrite(String layer) implements Kill {}

  /**
   * Groups of kills of the second night, each group followed by one re-run. In a group, a later
   * attempt first recovers the earlier dead ones (one dies doing so).
   */
  private static List<List<Kill>> plan() {
    String firstMart = Marts.all().get(0).name();
    return List.of(
        List.of(
            new Halt("after_run_start", false),
            new Halt("after_bronze:", false),
            // dies while undoing the bronze rows of the attempt before
            new Halt("after_rollback_bronze", false),
            new KillOnWrite(Lakehouse.BRONZE),
            new Halt("after_silver:canonical/lead_status_history", false)),
        List.of(
            new KillOnWrite(Lakehouse.SILVER),
            new Halt("after_ingest_log", false),
            // from here on the load is committed: the attempts load nothing new, check it again
            // and rebuild the marts from it
            new Halt("after_quality", false),
            new Halt("after_mart:" + firstMart, false),
            new KillOnWrite(Lakehouse.GOLD),
            new Halt("before_publish", false)),
        List.of(new Halt("after_publish_commit", true), new Halt("after_run_log", true)));
  }

  @BeforeAll
  static void uninterruptedReference() {
    long t0 = System.nanoTime();
    Path ref = tmp.resolve("reference");
    FaultRuns.nightly(ref, LANDING, FIRST);
    first = LakehouseState.capture(FaultRuns.lakehouse(ref));
    afterFirst = FaultRuns.copyTree(ref, tmp.resolve("after-first"));
    FaultRuns.nightly(ref, LANDING, SECOND);
    second = LakehouseState.capture(FaultRuns.lakehouse(ref));
    assertTrue(
        !first.gold().equals(second.gold()) && !first.quarantine().equals(second.quarantine()),
        "the second night changes gold and quarantines a row");
    REPORT.add(String.format("reference: 2 nights in %.0f s", (System.nanoTime() - t0) / 1e9));
  }

  private static NightlyProcess child(Path lakehouse, String haltAt) {
    return NightlyProcess.start(lakehouse, LANDING, SECOND, haltAt, tmp.resolve("child.log"));
  }

  /** A lakehouse as the first night left it. */
  private static Path fromFirstNight(String name) {
    Path lh = FaultRuns.copyTree(afterFirst, tmp.resolve(name));
    assertEquals(first.gold(), FaultRuns.goldViews(FaultRuns.lakehouse(lh)), "views of " + FIRST);
    return lh;
  }

  @Test
  void killedRunsLeaveThePublicationAsItWasAndReRunsEndAsAnUninterruptedRun() throws Exception {
    long t0 = System.nanoTime();
    List<List<Kill>> plan = plan();
    int kills = 0;
    for (int i = 0; i < plan.size(); i++) {
      Path lhDir = fromFirstNight("group-" + i);
      Lakehouse lh = FaultRuns.lakehouse(lhDir);
      boolean published = false;
      for (Kill kill : plan.get(i)) {
        long k0 = System.nanoTime();
        String deadRun = kill(lhDir, kill);
        kills++;
        published |= kill instanceof Halt h && h.published();
        assertEquals((published ? second : first).gold(), FaultRuns.goldViews(lh), "after " + kill);
        assertLoadAllOrNothing(lh, deadRun, "after " + kill);
        REPORT.add(
            String.format(
                "%s: killed after %.1f s; gold %s",
                kill, (System.nanoTime() - k0) / 1e9, published ? "newly published" : "as before"));
      }
      long r0 = System.nanoTime();
      List<String> dead = running(lh);
      NightlySummary rerun = FaultRuns.nightly(lhDir, LANDING, SECOND);
      assertEquals(new TreeSet<>(dead), new TreeSet<>(rerun.recovered()), "re-run recovers them");
      second.assertSameAs(LakehouseState.capture(lh), "re-run after " + plan.get(i));
      assertEquals(second.gold(), FaultRuns.goldViews(lh), "views after the re-run");
      assertEquals(List.of(), running(lh), "no run left running");
      REPORT.add(
          String.format(
              "group %d re-run: equal to the reference (%.1f s)",
              i + 1, (System.nanoTime() - r0) / 1e9));
    }
    PiiValues pii = PiiValues.fromLanding(LANDING);
    assertEquals(
        List.of(),
        PrivacyScan.reportFindings(tmp.resolve("child.log"), pii),
        "the nightly's output names no person");
    REPORT.add(
        String.format(
            "%d kills at distinct points in %d groups in %.0f s",
            kills, plan.size(), (System.nanoTime() - t0) / 1e9));
    REPORT.forEach(System.out::println);
  }

  /**
   * Kills one run of the second night and returns its run id (the run the log still shows running,
   * or the last run when the kill came after its end was logged).
   */
  private static String kill(Path lhDir, Kill kill) throws Exception {
    Lakehouse lh = FaultRuns.lakehouse(lhDir);
    List<String> runningBefore = running(lh);
    if (kill instanceof Halt h) {
      NightlyProcess p = child(lhDir, h.point());
      assertTrue(p.awaitHaltPoint(h.point()), "waits at " + h + "; see " + p.log());
      p.kill();
      assertEquals(NightlyProcess.KILLED, p.waitFor(), "exit code; see " + p.log());
    } else {
      KillOnWrite w = (KillOnWrite) kill;
      try (WatchService watch = FileSystems.getDefault().newWatchService()) {
        for (String table : lh.tables(w.layer())) {
          lhDir
              .resolve(w.layer())
              .resolve(table)
              .register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        }
        NightlyProcess p = child(lhDir, null);
        awaitDataFile(watch, p);
        p.kill();
        p.waitFor();
      }
    }
    List<String> dead = running(lh);
    dead.removeAll(runningBefore);
    if (dead.isEmpty() && kill instanceof Halt h && h.point().equals("after_run_log")) {
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
  private static void assertLoadAllOrNothing(Lakehouse lh, String runId, String context) {
    long logged = lh.read(Lakehouse.OPS, "ingest_log").filter("load_id = '" + runId + "'").count();
    long night = second.ingestLog().size() - first.ingestLog().size();
    assertTrue(
        logged == 0 || logged == night, context + ": " + logged + " of " + night + " logged");
  }

  /**
   * Runs the second night to the end in a child process while this JVM reads gold through the
   * catalog views again and again; every read must be the whole previous or the whole new
   * publication.
   */
  @Test
  void aReaderDuringAnUninterruptedChildRunSeesOnlyWholePublications() throws Exception {
    Path lhDir = fromFirstNight("with-reader");
    Lakehouse lh = FaultRuns.lakehouse(lhDir);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    NightlyProcess p = child(lhDir, null);
    Future<int[]> reads =
        pool.submit(
            () -> {
              int[] seen = new int[2];
              while (p.isAlive()) {
                Thread.sleep(100); // leave the child most of the two cores
                Map<String, List<String>> gold = FaultRuns.goldViews(lh);
                if (gold.equals(first.gold())) {
                  seen[0]++;
                } else {
                  assertEquals(second.gold(), gold, "a read mixing publications");
                  seen[1]++;
                }
              }
              return seen;
            });
    assertEquals(0, p.waitFor(), "uninterrupted run; see " + p.log());
    int[] seen = reads.get();
    pool.shutdown();
    second.assertSameAs(LakehouseState.capture(lh), "child run vs in-JVM reference");
    assertEquals(second.gold(), FaultRuns.goldViews(lh));
    System.out.printf(
        "uninterrupted child run %.1f s; concurrent reads: %d of the previous, %d of the new"
            + " publication, none mixed%n",
        p.elapsedMillis() / 1e3, seen[0], seen[1]);
  }
}
