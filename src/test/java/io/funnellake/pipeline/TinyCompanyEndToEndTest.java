package io.funnellake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.testing.Golden;
import io.funnellake.testing.PrivacyScan;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One nightly run on the tiny fixture company (plus one history row of a lead nobody exported),
 * shared by every check of the published result.
 */
class TinyCompanyEndToEndTest {
  static final Path TINY = TestConfigs.projectDir().resolve("data/fixtures/tiny");
  @TempDir static Path tmp;
  static NightlySummary summary;

  @BeforeAll
  static void runOnce() throws IOException {
    Path landing = tmp.resolve("landing");
    try (Stream<Path> files = Files.walk(TINY.resolve("landing"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path dst = landing.resolve(TINY.resolve("landing").relativize(f));
        Files.createDirectories(dst.getParent());
        Files.copy(f, dst);
      }
    }
    Files.createDirectories(landing.resolve("lead_status_history/2025-11-20"));
    Files.writeString(
        landing.resolve("lead_status_history/2025-11-20/late.csv"),
        "lead_id,changed_at,status\nLX,2025-11-19T08:00:00Z,mql\n");
    // ingest and the foundation mart: every mart family has its own end-to-end fixture
    var config =
        TestConfigs.config(
            tmp.resolve("lakehouse"),
            landing,
            "2025-11-20",
            "marts.only",
            TestConfigs.FOUNDATION_MARTS);
    summary =
        new NightlyPipeline(
                new Lakehouse(TestSpark.session(), config.lakehouse()),
                config,
                NightlyOptions.DEFAULT)
            .run();
  }

  private static List<Row> sql(String q) {
    return TestSpark.session().sql(q).collectAsList();
  }

  @Test
  void publishedGoldMatchesTheGoldenFiles() throws IOException {
    assertEquals("succeeded", summary.status());
    try (Stream<Path> expected = Files.list(TINY.resolve("expected"))) {
      for (Path csv : expected.filter(p -> p.toString().endsWith(".csv")).toList()) {
        String table = csv.getFileName().toString().replace(".csv", "");
        Golden.assertMatches(csv, TestSpark.session().table("gold." + table));
      }
    }
  }

  @Test
  void countsAddUpPerFileAndPerEntity() {
    assertEquals(8, summary.ingest().read("leads"));
    assertEquals(7, summary.ingest().accepted("leads"));
    assertEquals(
        List.of(),
        sql(
            "SELECT file_path FROM ops.ingest_log WHERE rows_read <> rows_accepted + rows_quarantined + rows_filtered"));
  }

  @Test
  void theRunLogTimesTheNightsStepsAndEachMart() {
    List<Row> steps =
        sql(
            "SELECT s.step, s.duration_ms FROM (SELECT explode(steps) AS s FROM ops.run_log"
                + " WHERE run_id = '"
                + summary.runId()
                + "')");
    assertEquals(
        List.of("ingest", "quality", "marts", "mart:gold.daily_leads_by_source_stage", "publish"),
        steps.stream().map(r -> r.getString(0)).toList());
    assertTrue(steps.stream().allMatch(r -> r.getLong(1) >= 0), steps.toString());
    assertEquals(
        List.of("ingest", "quality", "marts", "publish"),
        summary.mainSteps().stream().map(s -> s.step()).toList());
    assertEquals(
        List.of("mart:gold.daily_leads_by_source_stage"),
        summary.slowestMarts(5).stream().map(s -> s.step()).toList());
  }

  @Test
  void aBrokenReferenceIsReportedAsAWarningWithAnExample() {
    List<Row> r =
        sql(
            "SELECT level, status, message FROM ops.quality_results WHERE rule = 'history_lead_known'");
    assertEquals(1, r.size());
    assertEquals("warning", r.get(0).getString(0));
    assertEquals("fail", r.get(0).getString(1));
    assertEquals(
        "lead_status_history.lead_id: 8 of 9 references found in leads.lead_id (88.9%, minimum"
            + " 100.0%); not found e.g. [LX]",
        r.get(0).getString(2));
    assertEquals(
        "[[pass]]",
        sql("SELECT status FROM ops.quality_results WHERE rule = 'lead_owner_known'").toString());
  }

  @Test
  void noEmailNameOrPhoneFromTheInputsIsInAnyGoldTable() throws IOException {
    Set<String> substrings = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Path f :
        List.of(
            TINY.resolve("landing/leads/2025-11-05/leads-2025-11-05.csv"),
            TINY.resolve("landing/leads/2025-11-20/leads-2025-11-20.csv"),
            TINY.resolve("landing/reps/2025-11-01/reps.csv"))) {
      List<String> lines = Files.readAllLines(f);
      List<String> header = List.of(lines.get(0).split(","));
      for (String line : lines.subList(1, lines.size())) {
        String[] v = line.split(",", -1);
        for (int i = 0; i < header.size(); i++) {
          String h = header.get(i);
          if (!v[i].isEmpty() && (h.equals("email") || h.equals("phone"))) {
            substrings.add(v[i]);
          }
          if (!v[i].isEmpty()
              && (h.equals("first_name") || h.equals("last_name") || h.equals("name"))) {
            names.add(v[i]);
          }
        }
      }
    }
    assertTrue(substrings.size() >= 8 && names.size() >= 12, substrings + " " + names);
    List<String> gold =
        sql("SHOW TABLES IN gold").stream().map(r -> "gold." + r.getString(1)).toList();
    assertTrue(!gold.isEmpty());
    assertEquals(List.of(), PrivacyScan.findings(TestSpark.session(), gold, substrings, names));
  }
}
