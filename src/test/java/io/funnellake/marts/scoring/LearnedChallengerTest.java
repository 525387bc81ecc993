package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.contract.Entity;
import io.funnellake.marts.MartContext;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestFrames;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 120 leads, two a day from 2025-09-01 09:00. Every 4th lead requests a demo an hour after
 * creation; leads i % 8 == 0 (half the demo requesters) and i % 10 == 1 reach SQL 3 days after
 * creation. Train before 2025-10-01, evaluate from it.
 */
class LearnedChallengerTest {
  @TempDir Path tmp;

  static boolean converts(int i) {
    return i % 8 == 0 || i % 10 == 1;
  }

  MartContext context() {
    List<String> leads = new ArrayList<>();
    List<String> responses = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      LocalDate day = LocalDate.parse("2025-09-01").plusDays(i / 2);
      String created = day + "T09:00:00Z";
      leads.add(
          "L"
              + i
              + ",k"
              + i
              + ","
              + created
              + ","
              + created
              + ",lead,"
              + (i % 3 == 0 ? "software" : "retail"));
      if (i % 4 == 0) {
        responses.add("R" + i + ",L" + i + ",demo_request," + day + "T10:00:00Z");
      }
      if (converts(i)) {
        stages.add("L" + i + ",sql,1," + day.plusDays(3) + " 09:00:00");
      }
    }
    Dataset<Row> stageEvents = ScoringFixture.stageEvents(stages.toArray(new String[0]));
    var config = TestConfigs.config(tmp, tmp, "2025-11-30");
    return ScoringFixture.context(
        tmp,
        config,
        Map.of(
            "silver.leads",
            TestFrames.silver(
                Entity.LEADS,
                "lead_id,lead_key,created_at,updated_at,status," + "industry",
                leads.toArray(new String[0])),
            "silver.campaign_responses",
            TestFrames.silver(
                Entity.CAMPAIGN_RESPONSES,
                "response_id,lead_id,response_type,responded_at",
                responses.toArray(new String[0])),
            "silver.content_assets",
            TestFrames.silver(Entity.CONTENT_ASSETS, "content_id"),
            "silver.campaigns",
            TestFrames.silver(Entity.CAMPAIGNS, "campaign_id"),
            "silver.sales_activities",
            TestFrames.silver(Entity.SALES_ACTIVITIES, "activity_id"),
            "silver.reps",
            TestFrames.silver(Entity.REPS, "rep_id"),
            "silver.int_lead_stage_events",
            stageEvents));
  }

  @Test
  void aChallengerTrainedBeforeTheCutoffIsEvaluatedByTheSameBacktestAfterIt() {
    MartContext ctx = context();
    BacktestSpec spec =
        BacktestSpec.defaults(ctx.config(), "lr")
            .withRange(LocalDate.parse("2025-09-01"), LocalDate.parse("2025-11-30"))
            .withOutcome("sql", 14)
            .withTraining(LocalDate.parse("2025-10-01"))
            .withBootstrap(0, 1);
    Backtest.Result r = Backtest.evaluate(ctx, spec, Map.of(), "run");
    Variant learned = r.variants().get(r.variants().size() - 1);
    assertEquals("learned_lr", learned.id());
    assertTrue(learned.isLogistic());
    // training: created Sep 1-15 (window closed by Oct 1): i = 0..29, of which 0, 8, 16, 24,
    // 1, 11, 21 convert
    assertEquals(
        List.of("[learned_lr,logistic,30,7]"),
        TestFrames.sortedRows(
            r.tables()
                .get(BacktestTables.VARIANTS)
                .filter("kind = 'logistic'")
                .select("variant_id", "kind", "total_training_leads", "total_training_outcomes")));
    // half the demo requesters convert vs 3 of 22 others: a positive log-odds weight
    Variant.Rule demo =
        learned.behaviour().stream()
            .filter(x -> x.id().equals("demo_request"))
            .findFirst()
            .orElseThrow();
    assertTrue(demo.points() > 1, "demo weight " + demo.points());
    assertTrue(learned.intercept() < 0, "intercept " + learned.intercept());
    assertEquals(
        learned, Variants.parse("learned", Variants.toJson(learned)), "recordable as data");
    // every variant is evaluated on the same 60 leads created from the cutoff (Oct 1-30)
    assertEquals(
        List.of("[challenger_behaviour,60]", "[champion,60]", "[learned_lr,60]"),
        TestFrames.sortedRows(r.metrics().select("variant_id", "total_leads")));
    assertEquals(
        List.of("[2025-10-01,2025-09-01,2025-10-01]"),
        TestFrames.sortedRows(
            r.experiment().select("date_from", "training_from_date", "training_cutoff_date")));
    r.release();
  }
}
