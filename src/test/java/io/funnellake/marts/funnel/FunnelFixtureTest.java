package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.testing.Golden;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One nightly run of the fixture company {@code data/fixtures/funnel/} (run date 2025-12-15,
 * reporting zone UTC, default configuration): every funnel and follow-up gold table against its
 * hand-computed golden file (month rows; see the fixture README), and the three questions of the
 * data dictionary, run exactly as written there.
 */
class FunnelFixtureTest {
  static final Path FIXTURE = TestConfigs.projectDir().resolve("data/fixtures/funnel");
  @TempDir static Path tmp;
  static NightlySummary summary;

  @BeforeAll
  static void run() {
    var config =
        TestConfigs.config(
            tmp.resolve("lakehouse"),
            FIXTURE.resolve("landing"),
            "2025-12-15",
            // the funnel family alone: the other families have their own end-to-end fixtures
            "marts.only",
            TestConfigs.martsOnly(FunnelMarts.all()));
    summary =
        new NightlyPipeline(
                new Lakehouse(TestSpark.session(), tmp.resolve("lakehouse").toString()),
                config,
                NightlyOptions.DEFAULT)
            .run();
  }

  static Dataset<Row> gold(String table) {
    return TestSpark.session().table("gold." + table);
  }

  static void golden(String table, Dataset<Row> rows) {
    Golden.assertMatches(FIXTURE.resolve("expected/" + table + ".csv"), rows);
  }

  static void goldenMonths(String table) {
    golden(table, gold(table).filter(col("period_grain").equalTo("month")));
  }

  @Test
  void theRunPublishesEveryRowItRead() {
    assertEquals("succeeded", summary.status());
    assertEquals(11, summary.ingest().accepted("leads"));
    assertEquals(33, summary.ingest().accepted("lead_status_history"));
    assertEquals(18, summary.ingest().accepted("sales_activities"));
    assertTrue(summary.quality().stream().allMatch(q -> !q.blocks()), summary.quality().toString());
  }

  @Test
  void conversionTablesMatchTheHandComputedFiles() {
    goldenMonths("funnel_cohort_conversion");
    goldenMonths("funnel_period_conversion");
    goldenMonths("funnel_end_to_end_conversion");
  }

  @Test
  void velocityCycleAndTimeInStageMatchTheHandComputedFiles() {
    goldenMonths("stage_velocity");
    goldenMonths("sales_cycle_length");
    goldenMonths("time_in_stage");
    golden("lead_aging", gold("lead_aging"));
  }

  @Test
  void followUpTablesMatchTheHandComputedFiles() {
    goldenMonths("followup_sla");
    goldenMonths("followup_sla_targets");
    goldenMonths("mql_handoff_acceptance");
    goldenMonths("disqualification_reasons");
    golden("rep_capacity", gold("rep_capacity"));
  }

  @Test
  void badInputIsReportedNotDropped() {
    golden("funnel_data_warnings", gold("funnel_data_warnings"));
  }

  @Test
  void everyGrainCountsEveryLeadOnce() {
    // each grain sums to the same total: no period grain lost or duplicated a lead
    for (String g : List.of("week", "month", "quarter")) {
      assertEquals(
          10L,
          TestSpark.session()
              .sql(
                  "SELECT sum(total_leads) FROM gold.funnel_end_to_end_conversion"
                      + " WHERE period_grain = '"
                      + g
                      + "'")
              .head()
              .getLong(0),
          g);
      assertEquals(
          9L,
          TestSpark.session()
              .sql("SELECT sum(total_mqls) FROM gold.followup_sla WHERE period_grain = '" + g + "'")
              .head()
              .getLong(0),
          g);
    }
  }

  /** The SQL blocks of the "The three questions" section of the data dictionary, in order. */
  static List<String> threeQuestions() throws IOException {
    return sqlBlocks("docs/data-dictionary.md", "");
  }

  /** SQL blocks of a document's "## The three questions..." section, {@code indent} removed. */
  static List<String> sqlBlocks(String file, String indent) throws IOException {
    String doc = Files.readString(TestConfigs.projectDir().resolve(file));
    int start = doc.indexOf("\n## The three questions");
    assertTrue(start >= 0, file + " has a section The three questions");
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile(indent + "```sql\n(.*?)" + indent + "```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      out.add(m.group(1).replaceAll("(?m)^" + indent, ""));
    }
    return out;
  }

  @Test
  void theReadmeShowsTheSameThreeQueries() throws IOException {
    assertEquals(threeQuestions(), sqlBlocks("README.md", "   "));
  }

  static String answer(String sql) {
    return TestSpark.session().sql(sql).collectAsList().toString();
  }

  @Test
  void theThreeQuestionsOfTheSeedsAreOneQueryEach() throws IOException {
    List<String> q = threeQuestions();
    assertEquals(3, q.size(), "three SQL blocks in the section");
    // Q1: L01, L02 (disqualified with a reason), L03's second MQL, L05 (6 touches), L09 were
    // worked; L06 is pending; L03's first MQL, L07 and L08 were not: 5 of 8
    assertEquals("[[5,8,0.625]]", answer(q.get(0)));
    // Q2: 21.25 minutes per lead; R1 160 h + R2 80 h; marketing handoffs per month
    assertEquals(
        "[[2025-08-01,1.06,240.0,0.0044], [2025-09-01,0.35,240.0,0.0015],"
            + " [2025-10-01,0.0,240.0,0.0], [2025-11-01,0.7,240.0,0.0029],"
            + " [2025-12-01,0.7,240.0,0.0029]]",
        answer(q.get(1)));
    // Q3
    assertEquals(
        "[[outbound,competitor,1], [webinar,no_budget,1], [webinar,student,1]]", answer(q.get(2)));
  }
}
