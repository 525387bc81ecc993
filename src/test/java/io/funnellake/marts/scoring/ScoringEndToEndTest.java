package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.Marts;
import io.funnellake.publish.Publications;
import io.funnellake.quality.GrainCheck;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring fixture company (data/fixtures/scoring, README there has the hand computation)
 * through a nightly run, a backtest, a second night with late data, and a re-run of the experiment
 * from its recorded versions. One lakehouse shared by the ordered tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringEndToEndTest {
  @TempDir static Path tmp;
  static ScoringFixture fixture;

  static SparkSession spark() {
    return TestSpark.session();
  }

  static Lakehouse lakehouse() {
    return fixture.lakehouse();
  }

  static FunnelConfig config(String runDate) {
    return fixture.config(runDate);
  }

  static BacktestRunner runner(String runDate) {
    return new BacktestRunner(lakehouse(), config(runDate), new Pseudonyms(TestConfigs.KEY));
  }

  static BacktestSpec spec(String runDate, String id) {
    return BacktestSpec.defaults(config(runDate), id)
        .withRange(LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-30"))
        .withOutcome("sql", 14)
        .withDecisionTime("created+24h")
        .withBootstrap(40, 7);
  }

  static List<String> rows(String sql) {
    return spark().sql(sql).collectAsList().stream().map(Row::toString).toList();
  }

  /** An experiment's rows of a gold table without the experiment id, sorted. */
  static List<String> experimentRows(String table, String experimentId) {
    var df = spark().table("gold." + table).filter("experiment_id = '" + experimentId + "'");
    List<String> cols = new ArrayList<>(Arrays.asList(df.columns()));
    cols.remove("experiment_id");
    return df.selectExpr(cols.toArray(new String[0])).collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  @BeforeAll
  static void firstNightAndBacktest() {
    fixture = new ScoringFixture(tmp);
    fixture.night("2025-11-30");
    runner("2025-11-30").run(spec("2025-11-30", "exp1"));
  }

  @Test
  @Order(1)
  void backtestMatchesTheHandComputedFigures() {
    assertEquals(
        List.of(
            "[champion,9,4,3,3,0,1,5,0.4444444444,1.0,0.75,0.8571428571,0.975,0.95,11,4,40.0,"
                + "2.705556,320.0,0.0084548611]",
            "[challenger_behaviour,9,4,3,2,1,2,4,0.4444444444,0.6666666667,0.5,0.5714285714,"
                + "0.875,0.8541666667,11,4,40.0,2.705556,320.0,0.0084548611]"),
        rows(
            "SELECT variant_id, total_leads, total_outcomes, total_mql, total_true_positives,"
                + " total_false_positives, total_false_negatives, total_true_negatives,"
                + " outcome_rate, precision, recall, f1_score, roc_auc, pr_auc,"
                + " total_scored_leads, total_scored_mql, minutes_per_mql, sales_hours_per_month,"
                + " capacity_hours_per_month, capacity_utilisation_rate"
                + " FROM gold.scoring_backtest_metrics WHERE experiment_id = 'exp1'"
                + " ORDER BY variant_id DESC"));
    assertEquals(
        List.of(
            "[champion,challenger_behaviour,9,2,1,1,2,0,null,0.5,exact_binomial,0.975,0.875,0.1,"
                + "1.0,0.6666666667,0.3333333333]"),
        rows(
            "SELECT variant_a, variant_b, total_leads, total_mql_both, total_mql_only_a,"
                + " total_mql_only_b, total_correct_only_a, total_correct_only_b,"
                + " mcnemar_statistic, mcnemar_p_value, mcnemar_method, roc_auc_a, roc_auc_b,"
                + " roc_auc_diff, precision_a, precision_b, precision_diff"
                + " FROM gold.scoring_backtest_comparisons WHERE experiment_id = 'exp1'"));
    assertEquals(
        List.of("[12,9,2,0,1,6,2025-11-01,2025-11-30,created+24h,sql,14]"),
        rows(
            "SELECT total_leads_in_range, total_labelled, total_censored, total_no_decision,"
                + " total_outcome_before_decision, total_fit_not_point_in_time, date_from,"
                + " date_to, decision_time, outcome_stage, outcome_window_days"
                + " FROM gold.scoring_experiments WHERE experiment_id = 'exp1'"));
    assertEquals(
        List.of(
            "[band,hot,1,1,1,1.0,2.25]",
            "[band,warm,2,2,2,1.0,2.25]",
            "[band,cold,3,6,1,0.1666666667,0.375]"),
        rows(
            "SELECT segment_type, segment, segment_order, total_leads, total_outcomes,"
                + " conversion_rate, lift FROM gold.scoring_backtest_segments"
                + " WHERE experiment_id = 'exp1' AND variant_id = 'champion'"
                + " AND segment_type = 'band' ORDER BY segment_order"));
    assertEquals(
        List.of("[40.0,50.0,3,1,0.3333333333,45.3333333333,null]"),
        rows(
            "SELECT score_bin_start, score_bin_end, total_leads, total_outcomes, observed_rate,"
                + " mean_score, predicted_rate FROM gold.scoring_backtest_calibration"
                + " WHERE experiment_id = 'exp1' AND variant_id = 'champion'"
                + " AND score_bin_start = 40"));
  }

  @Test
  @Order(2)
  void nightlyScoresOpenLeadsWithTheChampionAndNoPersonalData() {
    assertEquals(
        List.of(
            "[champion,true,null,true,85.0,hot,true,"
                + "demo_request +40.0; title_senior +20.0; industry_target +15.0]"),
        rows(
            "SELECT variant_id, is_champion, split_arm, is_serving, score, band, is_mql,"
                + " top_reasons FROM gold.lead_scores WHERE score > 80"));
    assertEquals(
        List.of("[5,2025-11-30 23:59:59.999999]"),
        rows("SELECT count(*), max(scored_at) FROM gold.lead_scores"));
  }

  @Test
  @Order(3)
  void everyScoringGoldTableIsUniqueOnItsGrainAndHoldsNoPersonalData() {
    List<String> pii =
        List.of("lead_id", "email", "email_pseudonym", "first_name", "last_name", "phone", "name");
    for (BacktestTables.Table t : BacktestTables.ALL) {
      check(t.name(), t.grain(), pii);
    }
    for (Mart m : Marts.all()) {
      if (m instanceof LeadScores || m instanceof ScoringSplitArms) {
        check(m.name(), m.grain(), pii);
      }
    }
  }

  private static void check(String table, List<String> grain, List<String> pii) {
    var df = spark().table("gold." + table);
    assertEquals("pass", GrainCheck.check(table, grain, df).status(), table);
    for (String c : df.columns()) {
      assertFalse(pii.contains(c), table + " has " + c);
    }
  }

  @Test
  @Order(4)
  void theExperimentRerunFromItsRecordedVersionsGivesTheSameNumbersAfterNewDataLanded() {
    fixture.night("2025-12-20");
    assertTrue(
        new Publications(lakehouse()).latest().containsKey("scoring_backtest_metrics"),
        "a nightly publication keeps the backtest tables");
    BacktestRunner.Outcome rerun = runner("2025-12-20").rerun("exp1", "exp1-rerun");
    Map<String, Long> recorded = runner("2025-12-20").recorded("exp1").versions();
    assertEquals(recorded, rerun.inputVersions());
    assertNotEquals(recorded, ExperimentInputs.current(lakehouse()), "new versions landed");
    for (BacktestTables.Table t : BacktestTables.ALL) {
      if (t != BacktestTables.EXPERIMENTS && t != BacktestTables.VARIANTS) {
        assertEquals(
            experimentRows(t.name(), "exp1"), experimentRows(t.name(), "exp1-rerun"), t.name());
      }
    }
    String params =
        "SELECT variant_ids, date_from, date_to, horizon_at, decision_time, outcome_stage,"
            + " outcome_window_days, total_leads_in_range, total_labelled, total_censored,"
            + " total_fit_not_point_in_time, input_versions FROM gold.scoring_experiments"
            + " WHERE experiment_id = ";
    assertEquals(rows(params + "'exp1'"), rows(params + "'exp1-rerun'"));
    assertEquals(
        List.of("[exp1]"),
        rows(
            "SELECT source_experiment_id FROM gold.scoring_experiments"
                + " WHERE experiment_id = 'exp1-rerun'"));
    assertEquals(
        rows(
            "SELECT variant_id, definition_json FROM gold.scoring_experiment_variants"
                + " WHERE experiment_id = 'exp1' ORDER BY variant_order"),
        rows(
            "SELECT variant_id, definition_json FROM gold.scoring_experiment_variants"
                + " WHERE experiment_id = 'exp1-rerun' ORDER BY variant_order"));

    // the same backtest on today's data differs: S04's SQL landed late, S01's title changed
    runner("2025-12-20").run(spec("2025-12-20", "exp2"));
    assertEquals(
        List.of("[champion,5]"),
        rows(
            "SELECT variant_id, total_outcomes FROM gold.scoring_backtest_metrics"
                + " WHERE experiment_id = 'exp2' AND variant_id = 'champion'"));
    assertEquals(
        List.of("[exp1,55.0,false]", "[exp2,35.0,false]"),
        rows(
            "SELECT s.experiment_id, s.score, s.is_fit_point_in_time"
                + " FROM gold.scoring_backtest_scores s JOIN silver.leads l ON s.lead_key = l.lead_key"
                + " WHERE l.lead_id = 'S01' AND s.variant_id = 'champion'"
                + " AND s.experiment_id IN ('exp1', 'exp2') ORDER BY 1"));
  }
}
