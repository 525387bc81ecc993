package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.MartContext;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestFrames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringSplitArmsTest {
  @TempDir Path tmp;

  MartContext context(boolean enabled) {
    List<String> leads = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    // 2 leads before the start date; 10 from Oct 1 (3 of them from Nov 10: window not over by
    // Nov 30); leads L2, L4, L6, L8 reach SQL 5 days after creation
    for (int i = 0; i < 12; i++) {
      String day = i < 2 ? "2025-09-20" : i < 9 ? "2025-10-0" + (i - 1) : "2025-11-1" + (i - 9);
      leads.add("L" + i + ",k" + i + "," + day + "T09:00:00Z," + day + "T09:00:00Z,lead");
      if (i % 2 == 0 && i >= 2 && i < 9) {
        stages.add("L" + i + ",sql,1," + java.time.LocalDate.parse(day).plusDays(5) + " 09:00:00");
      }
    }
    var config =
        TestConfigs.config(
            tmp,
            tmp,
            "2025-11-30",
            "scoring.split.enabled",
            String.valueOf(enabled),
            "scoring.split.start_date",
            "2025-10-01",
            "scoring.split.salt",
            "s",
            "scoring.split.outcome_window_days",
            "30");
    Dataset<Row> stageEvents = ScoringFixture.stageEvents(stages.toArray(new String[0]));
    return ScoringFixture.context(
        tmp,
        config,
        Map.of(
            "silver.leads",
            TestFrames.silver(
                Entity.LEADS,
                "lead_id,lead_key,created_at,updated_at,status",
                leads.toArray(new String[0])),
            "silver.int_lead_stage_events",
            stageEvents));
  }

  @Test
  void disabledGivesAnEmptyTableWithTheSchema() {
    Dataset<Row> df = new ScoringSplitArms().build(context(false));
    assertEquals(0, df.count());
    assertEquals(ScoringSplitArms.SCHEMA, df.schema());
  }

  @Test
  void armsCountLeadsCensoringAndOutcomes() {
    // in the split: L2-L11 (10); censored: L9-L11 (created Nov 10-12, window ends in December);
    // outcomes: L2, L4, L6, L8 (the SQL of L8 on Oct 12 is 5 days after creation)
    Row totals =
        new ScoringSplitArms()
            .build(context(true))
            .agg(
                org.apache.spark.sql.functions.sum("total_leads"),
                org.apache.spark.sql.functions.sum("total_censored"),
                org.apache.spark.sql.functions.sum("total_labelled"),
                org.apache.spark.sql.functions.sum("total_outcomes"),
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)))
            .head();
    assertEquals("[10,3,7,4,2]", totals.toString());
  }

  @Test
  void theComparisonWithTheControlByHand() {
    // control 40 of 200, treatment 60 of 200 (none censored): see StatsTest for the numbers
    var split = ScoringSettings.of(TestConfigs.config(tmp, tmp, "2025-11-30")).split();
    var ctx = context(true);
    List<Row> rows =
        ScoringSplitArms.rows(
            split,
            ctx,
            Map.of(
                "control", RowFactory.create("control", 200L, 0L, 40L),
                "treatment", RowFactory.create("treatment", 200L, 0L, 60L)));
    assertEquals(
        "[split_1,control,champion,true,50,2025-11-30,200,0,200,40,0.2,0.1504520093,"
            + "0.2608551866,null,null,null,null,null]",
        rows.get(0).toString());
    assertEquals(
        "[split_1,treatment,challenger_behaviour,false,50,2025-11-30,200,0,200,60,0.3,"
            + "0.2407474468,0.3667906837,0.1,0.0156987615,0.1843012385,2.3094010768,"
            + "0.0209213353]",
        rows.get(1).toString());
  }
}
