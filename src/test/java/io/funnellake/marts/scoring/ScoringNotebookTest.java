package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.conform.Pseudonyms;
import io.funnellake.notebook.NotebookSession;
import io.funnellake.testing.NotebookRunner;
import io.funnellake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/scoring-backtest.ipynb against a lakehouse built by a nightly run on the
 * scoring fixture. Expected values by hand: data/fixtures/scoring/README.md.
 */
class ScoringNotebookTest {
  @TempDir Path tmp;

  @AfterEach
  void forget() {
    NotebookSession.clear();
  }

  @Test
  void theScoringNotebookRunsAndShowsTheComparison() {
    ScoringFixture fixture = new ScoringFixture(tmp);
    fixture.night("2025-11-30");
    NotebookSession.use(
        fixture.lakehouse(), fixture.config("2025-11-30"), new Pseudonyms(TestConfigs.KEY));
    List<NotebookRunner.Cell> cells =
        NotebookRunner.run(TestConfigs.projectDir().resolve("notebooks/scoring-backtest.ipynb"));
    assertEquals("\"champion\"", cells.get(0).value());
    assertEquals("\"demo_first with 4 rules\"", cells.get(2).value());
    assertTrue(
        cells.get(3).value().contains("rule 'fit.senior': unknown field 'titel'"),
        cells.get(3).value());
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
                + " | 0.8541666667 | 2.705556 | 0.0084548625",
            "champion | 9 | 3 | 1.0 | 0.75 | 0.8571428571 | 0.975 | 0.95 | 2.705556"
                + " | 0.0084548625",
            "demo_first | 9 | 3 | 0.6666666667 | 0.5 | 0.5714285714 | 0.775 | 0.7928571429"
                + " | 2.705556 | 0.0084548625\""),
        cells.get(5).value());
  }
}
