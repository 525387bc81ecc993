package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.Publications;
import io.funnellake.testing.TestLanding;
import io.funnellake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate holds across re-runs and crashes: a blocked night stays unpublished when it is
 * simply run again or when its run died after committing the load, and a night that loses its rows
 * to a missing required field is caught by the completeness floor. (NightlyPipelineTest covers the
 * first block, --force-publish and a completeness warning.)
 */
class QualityGateTest {
  static final String HEADER = "lead_id,created_at,updated_at,status";

  @TempDir static Path shared;
  static TestLanding landing;
  static Path firstNight;

  @TempDir Path tmp;
  Path lhDir;

  /** One first night for all tests; each test runs on its own copy of that lakehouse. */
  @BeforeAll
  static void firstNight() {
    landing = new TestLanding(shared.resolve("landing"));
    firstNight = shared.resolve("lakehouse");
    landing.write("lead_status_history/2025-11-03/h.csv", "lead_id,changed_at,status\n");
    leads("2025-11-03", 1, 10, 0);
    FaultRuns.nightly(firstNight, landing.root(), "2025-11-03");
  }

  @BeforeEach
  void copyTheFirstNight() {
    lhDir = FaultRuns.copyTree(firstNight, tmp.resolve("lakehouse"));
  }

  @AfterEach
  void clearFaultsAndLaterNights() {
    System.clearProperty("funnel.fail_at");
    for (String day : List.of("2025-11-04", "2025-11-05")) {
      Path folder = landing.root().resolve("leads/" + day);
      if (Files.exists(folder)) {
        FaultRuns.deleteTree(folder);
      }
    }
  }

  /** Leads {@code from..to} created on the day, the last {@code withoutStatus} of them blank. */
  private static void leads(String day, int from, int to, int withoutStatus) {
    StringBuilder sb = new StringBuilder(HEADER + "\n");
    for (int i = from; i <= to; i++) {
      String status = i > to - withoutStatus ? "" : "lead";
      sb.append("L")
          .append(i)
          .append(",")
          .append(day)
          .append("T09:00:00Z,")
          .append(day)
          .append("T09:00:00Z,")
          .append(status)
          .append("\n");
    }
    landing.write("leads/" + day + "/leads-" + day + ".csv", sb.toString());
  }

  private Lakehouse lakehouse() {
    return FaultRuns.lakehouse(lhDir);
  }

  private List<Row> sql(String q) {
    return TestSpark.session().sql(q).collectAsList();
  }

  private String runLog() {
    return "delta.`" + lhDir.resolve("ops/run_log") + "`";
  }

  /** The night is refused by the gate; returns the run log's reason. */
  private String blocked(String runDate, String... extra) {
    FunnelException e =
        assertThrows(
            FunnelException.class, () -> FaultRuns.nightly(lhDir, landing.root(), runDate, extra));
    assertEquals("QUALITY_GATE", e.code(), e.getMessage());
    List<Row> log =
        sql(
            "SELECT message FROM "
                + runLog()
                + " WHERE status = 'blocked' ORDER BY started_at DESC LIMIT 1");
    return log.get(0).getString(0);
  }

  @Test
  void aNinetyPercentVolumeDropStaysUnpublishedWhenTheNightIsSimplyRunAgain() {
    Map<String, List<String>> published = FaultRuns.goldViews(lakehouse());
    String firstLoad =
        sql("SELECT run_id FROM " + runLog() + " WHERE status = 'succeeded'").get(0).getString(0);
    leads("2025-11-04", 11, 11, 0);
    String why =
        "lead_volume_drop: leads accepted per landing day: 1.0 now vs 10.0 in load "
            + firstLoad
            + " (drop 90%, limit 90%)";
    assertEquals(why, blocked("2025-11-04"));
    // the re-run loads nothing new; it must still check what no publication has passed
    assertEquals(why, blocked("2025-11-04"));
    assertEquals(1L, new Publications(lakehouse()).latestSeq());
    assertEquals(published, FaultRuns.goldViews(lakehouse()));

    // the next night is normal again: both unpublished nights together average 5.5 a day
    leads("2025-11-05", 12, 21, 0);
    NightlySummary next = FaultRuns.nightly(lhDir, landing.root(), "2025-11-05");
    assertEquals(2L, next.publicationSeq());
    assertEquals(
        "[[21]]",
        sql("SELECT sum(total_leads) FROM gold.daily_leads_by_source_stage").toString(),
        "gold holds the leads of all three nights");
  }

  @Test
  void aDroppedNightWhoseRunDiedAfterCommittingItsLoadIsNotPublishedByTheRerun() {
    leads("2025-11-04", 11, 11, 0);
    // the run dies between committing the load and the quality checks
    System.setProperty("funnel.fail_at", "after_ingest_log");
    FunnelException died =
        assertThrows(
            FunnelException.class, () -> FaultRuns.nightly(lhDir, landing.root(), "2025-11-04"));
    assertEquals("INJECTED_FAILURE", died.code());
    System.clearProperty("funnel.fail_at");
    assertTrue(
        blocked("2025-11-04").startsWith("lead_volume_drop: leads accepted per landing day"));
    assertEquals(1L, new Publications(lakehouse()).latestSeq());
  }

  @Test
  void aNightLosingRowsToAMissingRequiredFieldIsBelowTheCompletenessFloor() {
    // 20 leads arrive (no volume drop), but 5 lack the required status and are quarantined
    leads("2025-11-04", 11, 30, 5);
    assertEquals(
        "lead_status_present: leads.status filled in 15 of 20 rows loaded"
            + " (5 quarantined without it) (75.0%, minimum 100.0%)",
        blocked("2025-11-04"));
    assertEquals(1L, new Publications(lakehouse()).latestSeq());
    assertEquals(
        "[[lead_status_present,error,fail,0.75]]",
        sql("SELECT rule, level, status, observed FROM delta.`"
                + lhDir.resolve("ops/quality_results")
                + "` WHERE rule = 'lead_status_present' AND status = 'fail'")
            .toString());
  }

  @Test
  void aWarningLevelVolumeDropPublishesAndReportsTheDrop() {
    leads("2025-11-04", 11, 11, 0);
    NightlySummary s =
        FaultRuns.nightly(
            lhDir,
            landing.root(),
            "2025-11-04",
            "quality.rules",
            "[{name = lead_volume_drop, type = row_volume_drop, entity = leads, max_drop = 0.9,"
                + " level = warning}]");
    assertEquals(2L, s.publicationSeq());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .contains(
                "quality warning lead_volume_drop: fail - leads accepted per landing day:"
                    + " 1.0 now vs 10.0"),
        out.toString(StandardCharsets.UTF_8));
    assertEquals(
        "[[warning,fail,0.9]]",
        sql("SELECT level, status, round(observed, 2) FROM delta.`"
                + lhDir.resolve("ops/quality_results")
                + "` WHERE rule = 'lead_volume_drop' AND status = 'fail'")
            .toString());
    assertEquals(
        "[[succeeded]]",
        sql("SELECT status FROM " + runLog() + " WHERE run_date = '2025-11-04'").toString());
  }
}
