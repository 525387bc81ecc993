package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.conform.Pseudonyms;
import io.funnellake.notebook.NotebookSession;
import io.funnellake.testing.NotebookRunner;
import io.funnellake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/scoring-backtest.ipynb (its code cells, in order) against a sample lakehouse
 * built once by one nightly run on the scoring fixture. Expected values by hand:
 * data/fixtures/scoring/README.md (demo_first's by the same method).
 */
class ScoringNotebookTest {
  @TempDir static Path tmp;
  static List<NotebookRunner.Cell> cells;

  @BeforeAll
  static void runTheNotebookOnce() {
    ScoringFixture fixture = new ScoringFixture(tmp);
    fixture.night("2025-11-30");
    NotebookSession.use(
        fixture.lakehouse(), fixture.config("2025-11-30"), new Pseudonyms(TestConfigs.KEY));
    cells =
        NotebookRunner.run(TestConfigs.projectDir().resolve("notebooks/scoring-backtest.ipynb"));
  }

  @AfterAll
  static void forget() {
    NotebookSession.clear();
  }

  @Test
  void defineAVariantAndSeeAMistakeNamed() {
    assertEquals("\"champion\"", cells.get(0).value());
    assertEquals("\"demo_first with 4 rules\"", cells.get(2).value());
    assertTrue(
        cells.get(3).value().contains("rule 'fit.senior': unknown field 'titel'"),
        cells.get(3).value());
  }

  @Test
  void theBacktestShowsTheCohortAndTheMetricsPerVariant() {
    assertEquals(
        "Counts[inRange=12, labelled=9, censored=2, noDecision=0, outcomeBeforeDecision=1,"
            + " fitNotPointInTime=6]",
        cells.get(4).value());
    assertEquals(
        String.join(
            "\\n",
            "\"variant_id | total_leads | total_mql | precision | recall | f1_score | roc_auc"
                + " | pr_auc | sales_hours_per_month | capacity_utilisation_rate",
            "challenger_behaviour | 9 | 3 | 0.6666666667 | 0.5 | 0.5714285714 | 0.875"
                + " | 0.8541666667 | 2.705556 | 0.0084548611",
            "champion | 9 | 3 | 1.0 | 0.75 | 0.8571428571 | 0.975 | 0.95 | 2.705556"
                + " | 0.0084548611",
            "demo_first | 9 | 3 | 0.6666666667 | 0.5 | 0.5714285714 | 0.775 | 0.7928571429"
                + " | 2.705556 | 0.0084548611\""),
        cells.get(5).value());
  }

  @Test
  void theComparisonIsPairedOnTheSameLeads() {
    // McNemar and AUC differences by hand (README); demo_first makes the challenger's MQLs
    String comparisons = cells.get(6).value();
    for (String row :
        List.of(
            "champion | challenger_behaviour | 2 | 0 | 0.5 | 0.1 | ",
            "champion | demo_first | 2 | 0 | 0.5 | 0.2 | ",
            "challenger_behaviour | demo_first | 0 | 0 | 1.0 | 0.1 | ")) {
      assertTrue(comparisons.contains(row), row + " in " + comparisons);
    }
    assertEquals(
        "\"segment | total_leads | total_outcomes | conversion_rate | lift\\n"
            + "warm | 3 | 2 | 0.6666666667 | 1.5\\ncold | 6 | 2 | 0.3333333333 | 0.75\"",
        cells.get(7).value());
  }

  @Test
  void theRecordedExperimentIsInTheGoldTables() {
    assertEquals(
        "\"variant_id | total_mql | precision | roc_auc\\n"
            + "challenger_behaviour | 3 | 0.6666666667 | 0.875\\n"
            + "champion | 3 | 1.0 | 0.975\\ndemo_first | 3 | 0.6666666667 | 0.775\"",
        cells.get(9).value());
  }
}
