package io.funnellake.publish;

import static io.funnellake.publish.TinyNights.assertMode;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.PartitionedIncrementalMart;
import io.funnellake.marts.funnel.LeadDimensionKeys;
import io.funnellake.marts.funnel.LeadDimensions;
import io.funnellake.marts.funnel.LeadExits;
import io.funnellake.marts.funnel.LeadFunnel;
import io.funnellake.marts.funnel.LeadStageEvents;
import io.funnellake.marts.funnel.PeriodConversion;
import io.funnellake.marts.funnel.SalesCycleLength;
import io.funnellake.marts.funnel.StageVelocity;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.TestRows;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold aggregates rebuilt per dimension combination on the tiny fixture, where every lead has a
 * combination of its own (L1-L5) until L7 joins L4's: each night rebuilds exactly the combinations
 * its changed leads were or are in, and every table ends equal to a full build.
 */
class PartitionedIncrementalBuildTest {
  static final List<PartitionedIncrementalMart> GOLD =
      List.of(new PeriodConversion(), new StageVelocity(), new SalesCycleLength());
  static final List<Mart> MARTS =
      List.of(
          new LeadStageEvents(),
          new LeadExits(),
          new LeadFunnel(),
          new LeadDimensionKeys(),
          GOLD.get(0),
          GOLD.get(1),
          GOLD.get(2));
  static final String LEADS_HEADER =
      "lead_id,created_at,updated_at,email,first_name,last_name,phone,company,title,industry,"
          + "employee_count,country,persona,lead_source,original_campaign_id,owner_id,status,"
          + "disqualification_reason\n";

  @TempDir Path tmp;

  private TinyNights tiny;

  @BeforeEach
  void setUp() {
    tiny = new TinyNights(tmp);
  }

  private String metadata(Mart m) {
    return tiny.metadata(Lakehouse.GOLD, m.name());
  }

  /** Both tables as stored equal a full build, and each stored row's partition is a real one. */
  private void assertEqualToFullBuild(String runDate, String why, String... extra) {
    MartContext ctx = tiny.context(runDate, extra);
    Lakehouse lh = tiny.lakehouse();
    Dataset<Row> keys =
        lh.read(Lakehouse.SILVER, LeadDimensionKeys.NAME).select(col(LeadDimensions.KEY).as("_p"));
    for (PartitionedIncrementalMart m : GOLD) {
      Dataset<Row> stored = lh.read(m.layer(), m.name());
      assertEquals(
          LakehouseState.rows(m.build(ctx)), LakehouseState.rows(stored), m.name() + " " + why);
      long unknown =
          stored
              .withColumn("_p", m.outputPartition(ctx.config()))
              .join(keys, "_p", "left_anti")
              .count();
      assertEquals(0, unknown, m.name() + ": rows whose partition is no dimension_key");
    }
  }

  private void assertModes(String expected) {
    assertModes(expected, GOLD);
  }

  private void assertModes(String expected, List<? extends Mart> marts) {
    for (Mart m : marts) {
      assertMode(expected, metadata(m));
    }
  }

  @Test
  void eachNightRebuildsTheCombinationsItsChangedLeadsWereOrAreInElseInFull() throws IOException {
    tiny.land("2025-11-05");
    tiny.night(MARTS, "2025-11-05");
    assertModes("full keys=all");
    assertTrue(metadata(GOLD.get(0)).contains(" int_lead_funnel="), metadata(GOLD.get(0)));

    tiny.land("2025-11-20");
    tiny.night(MARTS, "2025-11-20");
    // L1 and L2 in their unchanged combinations, L5 in a new one (nobody won yet: the sales cycle
    // stays empty, and Delta commits no overwrite of an empty table with nothing)
    assertModes("incremental keys=3", GOLD.subList(0, 2));
    assertEquals(0, tiny.lakehouse().version(Lakehouse.GOLD, SalesCycleLength.NAME));
    assertEqualToFullBuild("2025-11-20", "after the 20th");

    // L7 joins L4's combination (L4 itself unchanged: its rows must be rebuilt with L7's); L3
    // moves to another industry, so its old and its new combination; L1 is won
    tiny.landFile(
        "leads/2025-11-21/leads.csv",
        LEADS_HEADER
            + "L7,2025-11-21T08:00:00Z,2025-11-21T08:00:00Z,gil@eta.fr,Gil,Roy,,Eta,Analyst,"
            + "retail,40,FR,practitioner,Paid Search,C1,R2,lead,\n"
            + "L3,2025-11-03T08:00:00Z,2025-11-21T09:00:00Z,cy@gamma.co,Cy,Ng,555-0303,Gamma,"
            + "CFO,retail,5000,GB,executive,Outbound,C3,R1,sql,\n");
    tiny.landFile(
        "lead_status_history/2025-11-21/history.csv",
        "lead_id,changed_at,status,previous_status,disqualification_reason,changed_by\n"
            + "L7,2025-11-21T08:00:00Z,lead,,,\n"
            + "L1,2025-11-21T10:00:00Z,won,sql,,R1\n");
    tiny.night(MARTS, "2025-11-21");
    assertModes("incremental keys=4", GOLD.subList(0, 2));
    // the sales cycle's watermark is still the 5th's: the 20th's combinations (L1, L2, L5) too,
    // but L1's only once
    assertMode("incremental keys=6", metadata(GOLD.get(2)));
    // L1's cycle: 2025-11-01 09:00 (first stage) and 11-04 10:00 (MQL) to 11-21 10:00 (won)
    assertEquals(
        List.of("month|2025-11-01|1|20.04|20.04|20.04|1|17.0|17.0"),
        TestRows.of(
            tiny.lakehouse()
                .read(Lakehouse.GOLD, SalesCycleLength.NAME)
                .filter(col("period_grain").equalTo("month")),
            "period_grain",
            "period_start",
            "total_won",
            "mean_days",
            "median_days",
            "p90_days",
            "total_won_after_handoff",
            "mean_days_from_handoff",
            "median_days_from_handoff"));
    assertEqualToFullBuild("2025-11-21", "after L7 and L3's new industry");

    // R2 moves team: the team of L2, L4 and L7 changes, so two combinations before and two after
    tiny.landFile(
        "reps/2025-11-22/reps.csv",
        "rep_id,name,email,team,role,monthly_capacity_hours,is_active\n"
            + "R2,Sam Sales,sam@seller.com,sdr_central,sdr,80,true\n");
    // (a night of reps alone: no lead volume to compare)
    tiny.night(MARTS, "2025-11-22", "quality.rules", "[]");
    assertModes("incremental keys=4");
    assertEqualToFullBuild("2025-11-22", "after R2's new team");

    // nothing new: the tables stay at their versions
    long period = tiny.lakehouse().version(Lakehouse.GOLD, PeriodConversion.NAME);
    tiny.night(MARTS, "2025-11-23");
    assertEquals(period, tiny.lakehouse().version(Lakehouse.GOLD, PeriodConversion.NAME));

    // another trailing window changes every row
    tiny.night(MARTS, "2025-11-24", "funnel.funnel.trailing_months", "6");
    assertModes("full keys=all");
    assertTrue(metadata(GOLD.get(0)).contains("| settings, code"), metadata(GOLD.get(0)));

    // the 24th's int_lead_funnel, where the next build looks up the changed leads' combinations
    // of then, is vacuumed away: that build cannot say which combinations to rebuild
    Lakehouse lh = tiny.lakehouse();
    lh.read(Lakehouse.SILVER, LeadFunnel.NAME)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(lh.path(Lakehouse.SILVER, LeadFunnel.NAME));
    var spark = TestSpark.session();
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      spark.sql("VACUUM delta.`" + lh.path(Lakehouse.SILVER, LeadFunnel.NAME) + "` RETAIN 0 HOURS");
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
    tiny.landFile(
        "lead_status_history/2025-11-25/history.csv",
        "lead_id,changed_at,status,previous_status,disqualification_reason,changed_by\n"
            + "L5,2025-11-25T08:00:00Z,mql,lead,,\n");
    tiny.night(MARTS, "2025-11-25", "funnel.funnel.trailing_months", "6", "quality.rules", "[]");
    assertModes("full keys=all");
    assertTrue(metadata(GOLD.get(1)).contains("| changes unreadable: "), metadata(GOLD.get(1)));
    assertEqualToFullBuild(
        "2025-11-25", "after a vacuumed look-back", "funnel.funnel.trailing_months", "6");
  }
}
