package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.FunnelException;
import io.funnellake.ingest.Ingest;
import io.funnellake.ingest.mapping.SourceMappings;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.publish.Publications;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestLanding;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Landing files that are empty, cut short, changing under the reader, or missing: each ends in a
 * clear error or a recorded skip, never in a silent partial load. (IngestTest covers an empty .csv,
 * a header-only file, a truncated gzip with its retry and missing folders during ingest.)
 */
class FilesTest {
  static final String LEADS_HEADER = "lead_id,created_at,updated_at,status";

  @TempDir Path tmp;

  @BeforeAll
  static void registerFileSystem() {
    ChangingFileSystem.register(TestSpark.session());
  }

  @AfterEach
  void clearChanges() {
    ChangingFileSystem.clear();
  }

  private static String leadRows(int from, int to) {
    StringBuilder sb = new StringBuilder(LEADS_HEADER + "\n");
    for (int i = from; i <= to; i++) {
      sb.append("L").append(i).append(",2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,lead\n");
    }
    return sb.toString();
  }

  private Ingest.Result ingest(String landing, String loadId, String... extra) {
    FunnelConfig config = FaultRuns.config(tmp.resolve("lakehouse"), landing, "2025-11-04", extra);
    return new Ingest(
            FaultRuns.lakehouse(tmp.resolve("lakehouse")),
            config,
            new Pseudonyms(TestConfigs.KEY),
            loadId,
            Ingest.Options.NONE)
        .run(SourceMappings.loadAll(config));
  }

  private List<Row> sql(String q) {
    return TestSpark.session().sql(q).collectAsList();
  }

  private String table(String layer, String name) {
    return "delta.`" + tmp.resolve("lakehouse/" + layer + "/" + name) + "`";
  }

  private static byte[] gzip(String content) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void anEmptyGzipFileIsRecordedAsEmptyLikeAnyEmptyFile() {
    TestLanding landing = new TestLanding(tmp.resolve("landing"));
    landing.write("lead_status_history/.keep", "");
    landing.write("leads/2025-11-04/a.csv", leadRows(1, 2));
    landing.writeBytes("leads/2025-11-04/nothing.csv.gz", new byte[0]);
    // default file_errors = fail: an empty export must not fail the night
    ingest(landing.root().toString(), "load-1");
    assertEquals(
        "[[a.csv,ingested,2], [nothing.csv.gz,empty,0]]",
        sql("SELECT regexp_extract(file_path, '[^/]+$', 0), status, rows_read FROM "
                + table("ops", "ingest_log")
                + " ORDER BY 1")
            .toString());
  }

  @Test
  void cutGzipFilesAreRecordedAsFailedAndNothingOfThemIsLoaded() throws IOException {
    TestLanding landing = new TestLanding(tmp.resolve("landing"));
    landing.write("lead_status_history/.keep", "");
    landing.write("leads/2025-11-04/a.csv", leadRows(1, 2));
    landing.writeBytes("leads/2025-11-04/blank.csv.gz", gzip(""));
    byte[] big = gzip(leadRows(100, 2099));
    landing.writeBytes("leads/2025-11-04/cut-data.csv.gz", Arrays.copyOf(big, big.length / 2));
    // all data inflates, only the CRC and size trailer is missing
    landing.writeBytes("leads/2025-11-04/cut-trailer.csv.gz", Arrays.copyOf(big, big.length - 4));
    ingest(landing.root().toString(), "load-1", "ingest.file_errors", "skip");
    assertEquals(
        "[[a.csv,ingested,2,2], [blank.csv.gz,ingested,0,0],"
            + " [cut-data.csv.gz,failed,0,0], [cut-trailer.csv.gz,failed,0,0]]",
        sql("SELECT regexp_extract(file_path, '[^/]+$', 0), status, rows_read, rows_accepted"
                + " FROM "
                + table("ops", "ingest_log")
                + " ORDER BY 1")
            .toString());
    assertEquals(
        "[[2]]", sql("SELECT count(*) FROM " + table("bronze", "leads")).toString(), "a.csv only");
    assertEquals("[[2]]", sql("SELECT count(*) FROM " + table("silver", "leads")).toString());
  }

  @Test
  void aFileThatGrowsWhileBeingReadFailsTheNightLoadsNothingAndTheRerunIsComplete()
      throws IOException {
    Path local = tmp.resolve("landing");
    FaultRuns.copyLanding(FaultRuns.TINY.resolve("landing"), local, "2025-11-20");
    String landing = ChangingFileSystem.uri(local);
    Path lhDir = tmp.resolve("lakehouse");
    FaultRuns.nightly(lhDir, landing, "2025-11-05", NightlyOptions.DEFAULT);
    Lakehouse lh = FaultRuns.lakehouse(lhDir);
    Map<String, List<String>> published = FaultRuns.goldViews(lh);
    LakehouseState before = LakehouseState.capture(lh);

    // the history export is still being written when the reader opens it: one more row arrives
    ChangingFileSystem.beforeOpen(
        "history-2025-11-20.csv",
        f ->
            Files.writeString(
                f, "L5,2025-11-19T10:00:00Z,mql,lead,,R1\n", StandardOpenOption.APPEND));
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () -> FaultRuns.nightly(lhDir, landing, "2025-11-20", NightlyOptions.DEFAULT));
    assertEquals("FILE_CHANGED_WHILE_READING", e.code());
    assertTrue(e.problem().contains("history-2025-11-20.csv"), e.problem());

    // nothing of the failed load is visible: gold, ingest log, bronze and quarantine as before
    assertEquals(published, FaultRuns.goldViews(lh));
    LakehouseState after = LakehouseState.capture(lh);
    assertEquals(before.gold(), after.gold());
    assertEquals(before.ingestLog(), after.ingestLog());
    assertEquals(before.bronzeRows(), after.bronzeRows());
    assertEquals(before.quarantine(), after.quarantine());
    List<Row> failed =
        sql("SELECT message FROM " + table("ops", "run_log") + " WHERE status = 'failed'");
    assertEquals(1, failed.size());
    assertTrue(failed.get(0).getString(0).contains("changed while it was being read"));

    FaultRuns.nightly(lhDir, landing, "2025-11-20", NightlyOptions.DEFAULT);
    FaultRuns.recompute(tmp.resolve("fresh"), landing, "2025-11-20")
        .assertSameAs(LakehouseState.capture(lh), "re-run after the failed read vs full recompute");
  }

  @Test
  void aFileCutShortOrRewrittenAtTheSameSizeWhileBeingReadIsRejected() throws IOException {
    TestLanding local = new TestLanding(tmp.resolve("landing"));
    local.write("lead_status_history/.keep", "");
    local.write("leads/2025-11-04/shrinks.csv", leadRows(1, 50));
    String landing = ChangingFileSystem.uri(local.root());
    ChangingFileSystem.beforeOpen(
        "shrinks.csv",
        f -> Files.write(f, Arrays.copyOf(Files.readAllBytes(f), (int) Files.size(f) / 2)));
    FunnelException shrunk = assertThrows(FunnelException.class, () -> ingest(landing, "load-1"));
    assertEquals("FILE_CHANGED_WHILE_READING", shrunk.code());

    Files.delete(local.root().resolve("leads/2025-11-04/shrinks.csv"));
    local.write("leads/2025-11-04/rewritten.csv", leadRows(1, 9));
    ChangingFileSystem.beforeOpen(
        "rewritten.csv",
        f -> {
          FileTime scanned = Files.getLastModifiedTime(f);
          Files.writeString(f, Files.readString(f).replace("L9,", "L8,"));
          Files.setLastModifiedTime(f, FileTime.fromMillis(scanned.toMillis() + 5_000));
        });
    FunnelException rewritten =
        assertThrows(FunnelException.class, () -> ingest(landing, "load-2"));
    assertEquals("FILE_CHANGED_WHILE_READING", rewritten.code());
    assertTrue(rewritten.problem().contains("rewritten.csv"), rewritten.problem());
    Lakehouse lh = FaultRuns.lakehouse(tmp.resolve("lakehouse"));
    assertEquals(0L, lh.read(Lakehouse.OPS, "ingest_log").count(), "no file counted as loaded");
    assertEquals(false, lh.exists(Lakehouse.SILVER, "leads"));
  }

  @Test
  void aMissingLandingFolderFailsTheNightClearlyAndLeavesThePublicationAsItWas()
      throws IOException {
    Path landing = FaultRuns.copyLanding(FaultRuns.TINY.resolve("landing"), tmp.resolve("in"), "x");
    Path lhDir = tmp.resolve("lakehouse");
    FaultRuns.nightly(lhDir, landing, "2025-11-20");
    Lakehouse lh = FaultRuns.lakehouse(lhDir);
    Map<String, List<String>> published = FaultRuns.goldViews(lh);
    long seq = new Publications(lh).latestSeq();

    Path moved = Files.move(landing, tmp.resolve("elsewhere"));
    FunnelException e =
        assertThrows(FunnelException.class, () -> FaultRuns.nightly(lhDir, landing, "2025-11-21"));
    assertEquals("LANDING_MISSING", e.code());
    assertEquals("Landing folder " + landing + " does not exist.", e.problem());
    assertEquals(seq, new Publications(lh).latestSeq());
    assertEquals(published, FaultRuns.goldViews(lh));
    List<Row> log =
        sql(
            "SELECT status, message FROM "
                + table("ops", "run_log")
                + " WHERE run_date = '2025-11-21'");
    assertEquals(1, log.size());
    assertEquals("failed", log.get(0).getString(0));
    assertTrue(
        log.get(0).getString(1).startsWith("[LANDING_MISSING] Landing folder " + landing),
        log.get(0).getString(1));
    assertTrue(Files.isDirectory(moved));
  }
}
