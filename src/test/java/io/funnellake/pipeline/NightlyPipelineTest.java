package io.funnellake.pipeline;

import static io.funnellake.testing.TestLanding.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.errors.FunnelException;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import io.funnellake.publish.Publications;
import io.funnellake.testing.Golden;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyPipelineTest {
  static final Path TINY = TestConfigs.projectDir().resolve("data/fixtures/tiny");
  static final String GOLD = "daily_leads_by_source_stage";

  @TempDir Path tmp;

  @AfterEach
  void clearFaults() {
    System.clearProperty("funnel.fail_at");
  }

  private NightlySummary run(
      Path landing, String runDate, NightlyOptions options, String... extra) {
    FunnelConfig config = TestConfigs.config(tmp.resolve("lakehouse"), landing, runDate, extra);
    // loading, rollback and publishing are checked on the foundation mart alone: every other
    // mart would add its Delta commits to each of the many runs here (the full chain runs in
    // FunnelFixtureTest)
    return new NightlyPipeline(lakehouse(), config, options, List.of(new DailyLeadsBySourceStage()))
        .run();
  }

  private NightlySummary run(Path landing, String runDate, String... extra) {
    return run(landing, runDate, NightlyOptions.DEFAULT, extra);
  }

  private Lakehouse lakehouse() {
    return new Lakehouse(TestSpark.session(), tmp.resolve("lakehouse").toString());
  }

  /** Runs a query on this test's lakehouse by catalog name, as `./funnel sql` does. */
  private List<Row> sql(String q) {
    Catalog.register(lakehouse());
    return TestSpark.session().sql(q).collectAsList();
  }

  /** Copies the tiny fixture's landing files dated on or before the given export date. */
  private Path landingUpTo(String exportDate) throws IOException {
    Path dst = tmp.resolve("landing");
    try (Stream<Path> files = Files.walk(TINY.resolve("landing"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = TINY.resolve("landing").relativize(f).toString();
        String date = rel.split("/")[1];
        if (date.compareTo(exportDate) <= 0) {
          Files.createDirectories(dst.resolve(rel).getParent());
          Files.copy(f, dst.resolve(rel), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dst;
  }

  @Test
  void rerunningTheSameNightChangesNoPublishedValueAndDuplicatesNothing() {
    run(TINY.resolve("landing"), "2025-11-20");
    List<Row> gold1 = sql("SELECT * FROM gold." + GOLD + " ORDER BY 1, 2, 3, 4");
    long bronze = sql("SELECT count(*) FROM bronze.leads").get(0).getLong(0);
    NightlySummary again = run(TINY.resolve("landing"), "2025-11-20");
    assertEquals(List.of(), again.ingest().counts());
    assertEquals(gold1, sql("SELECT * FROM gold." + GOLD + " ORDER BY 1, 2, 3, 4"));
    assertEquals(bronze, sql("SELECT count(*) FROM bronze.leads").get(0).getLong(0));
    assertEquals(5L, sql("SELECT count(*) FROM silver.leads").get(0).getLong(0));
    assertEquals(2L, new Publications(lakehouse()).latestSeq());
  }

  @Test
  void aFailureBetweenWritingAndPublishingLeavesThePublishedTablesAsTheyWere() throws IOException {
    Path landing = landingUpTo("2025-11-05");
    run(landing, "2025-11-05");
    List<Row> before = sql("SELECT * FROM gold." + GOLD + " ORDER BY 1, 2, 3, 4");
    assertEquals(4, before.size());

    landingUpTo("2025-11-20");
    System.setProperty("funnel.fail_at", "before_publish");
    FunnelException e = assertThrows(FunnelException.class, () -> run(landing, "2025-11-20"));
    assertEquals("INJECTED_FAILURE", e.code());
    Catalog.register(lakehouse());
    assertEquals(before, sql("SELECT * FROM gold." + GOLD + " ORDER BY 1, 2, 3, 4"));
    assertTrue(
        lakehouse().version(Lakehouse.GOLD, GOLD)
            > new Publications(lakehouse()).latest().get(GOLD),
        "the failed run did write a newer version; it is just not published");
    assertEquals(
        "[[failed]]",
        sql("SELECT status FROM ops.run_log WHERE ended_at IS NOT NULL AND status <> 'succeeded'")
            .toString());

    System.clearProperty("funnel.fail_at");
    run(landing, "2025-11-20");
    Golden.assertMatches(
        TINY.resolve("expected/" + GOLD + ".csv"), TestSpark.session().table("gold." + GOLD));
  }

  @Test
  void aFailureDuringIngestRollsTheLoadBackSoTheRerunDuplicatesNothing() {
    System.setProperty("funnel.fail_at", "after_mapping:canonical/leads");
    assertThrows(FunnelException.class, () -> run(TINY.resolve("landing"), "2025-11-20"));
    assertEquals(
        0L,
        sql("SELECT count(*) FROM delta.`" + tmp.resolve("lakehouse/bronze/leads") + "`")
            .get(0)
            .getLong(0));
    assertEquals(
        0L,
        sql("SELECT count(*) FROM delta.`" + tmp.resolve("lakehouse/ops/quarantine") + "`")
            .get(0)
            .getLong(0));
    System.clearProperty("funnel.fail_at");
    NightlySummary s = run(TINY.resolve("landing"), "2025-11-20");
    assertEquals(8, s.ingest().read("leads"));
    assertEquals(8L, sql("SELECT count(*) FROM bronze.leads").get(0).getLong(0), "as landed, once");
    assertEquals(1L, sql("SELECT count(*) FROM ops.quarantine").get(0).getLong(0));
    Golden.assertMatches(
        TINY.resolve("expected/" + GOLD + ".csv"), TestSpark.session().table("gold." + GOLD));
  }

  @Test
  void aNightWhoseLeadVolumeCollapsesIsNotPublishedUnlessForced() throws IOException {
    Path landing = landingUpTo("2025-11-20");
    run(landing, "2025-11-20");
    long seq = new Publications(lakehouse()).latestSeq();
    // the next night delivers no lead (but other data) where the earlier loads averaged 3.5 a day
    Files.createDirectories(landing.resolve("leads/2025-11-21"));
    Files.writeString(
        landing.resolve("leads/2025-11-21/leads.csv"), csv("lead_id,created_at,updated_at,status"));
    Files.createDirectories(landing.resolve("lead_status_history/2025-11-21"));
    Files.writeString(
        landing.resolve("lead_status_history/2025-11-21/h.csv"),
        csv("lead_id,changed_at,status", "L4,2025-11-21T08:00:00Z,mql"));
    FunnelException e = assertThrows(FunnelException.class, () -> run(landing, "2025-11-21"));
    assertEquals("QUALITY_GATE", e.code());
    assertTrue(e.problem().contains("lead_volume_drop"), e.problem());
    assertEquals(seq, new Publications(lakehouse()).latestSeq());
    List<Row> log = sql("SELECT status, message FROM ops.run_log WHERE status = 'blocked'");
    assertEquals(1, log.size());
    assertTrue(
        log.get(0)
            .getString(1)
            .startsWith("lead_volume_drop: leads accepted per landing day: 0.0 now vs 3.5"),
        log.get(0).getString(1));

    NightlySummary forced =
        run(
            landing,
            "2025-11-21",
            new NightlyOptions(io.funnellake.ingest.Ingest.Options.NONE, false, true));
    assertEquals(seq + 1, forced.publicationSeq());
  }

  @Test
  void aWarningLevelRulePublishesAndReports() {
    NightlySummary s =
        run(
            TINY.resolve("landing"),
            "2025-11-20",
            "quality.rules",
            "[{name = industry_filled, type = completeness, entity = leads, field = industry, min = 1.0, level = warning}]");
    assertEquals(1L, s.publicationSeq());
    assertEquals(
        "[[industry_filled,warning,fail,0.8]]",
        sql("SELECT rule, level, status, round(observed, 2) FROM ops.quality_results WHERE rule = 'industry_filled'")
            .toString());
  }

  @Test
  void fieldRulesOfTheCompletenessConfigFeedTheQualityGate() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () ->
                run(
                    TINY.resolve("landing"),
                    "2025-11-20",
                    "completeness.rules",
                    "[{entity = leads, field = industry}]",
                    "quality.rules",
                    "[{name = agreed, type = field_rules, min = 1.0, level = error}]"));
    assertEquals("QUALITY_GATE", e.code());
    assertEquals(
        "[[agreed:leads.industry,error,fail,0.8]]",
        sql("SELECT rule, level, status, round(observed, 2) FROM ops.quality_results"
                + " WHERE rule LIKE 'agreed:%'")
            .toString());
  }
}
