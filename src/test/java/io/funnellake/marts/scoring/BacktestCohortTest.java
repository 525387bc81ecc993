package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.testing.TestFrames;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BacktestCohortTest {
  static final BacktestCohort.Range NOV =
      new BacktestCohort.Range(
          LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-30"), ZoneId.of("UTC"));

  static Dataset<Row> leads() {
    return ScoringInputs.leads(
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,is_deleted",
            "L1,k1,2025-11-01T10:00:00Z,2025-11-01T10:00:00Z,sql,false",
            "L2,k2,2025-11-02T10:00:00Z,2025-11-20T10:00:00Z,sql,false",
            "L3,k3,2025-11-03T10:00:00Z,2025-11-03T12:00:00Z,sql,false",
            "L4,k4,2025-11-28T10:00:00Z,2025-11-28T10:00:00Z,lead,false",
            "L5,k5,2025-10-30T10:00:00Z,2025-10-30T10:00:00Z,lead,false",
            "L6,k6,2025-11-05T10:00:00Z,2025-11-05T10:00:00Z,lead,true",
            "L7,k7,2025-11-10T00:00:00Z,2025-11-18T00:00:00Z,sql,false"));
  }

  /** First entries (occurrence 1) and one re-entry that must be ignored. */
  static Dataset<Row> stageEvents() {
    return ScoringFixture.stageEvents(
        "L1,lead,1,2025-11-01 10:00:00",
        "L1,mql,1,2025-11-03 10:00:00",
        "L1,sql,1,2025-11-05 10:00:00",
        "L1,mql,2,2025-11-04 00:00:00",
        "L2,sql,1,2025-11-20 10:00:00",
        "L3,mql,1,2025-11-03 12:00:00",
        "L3,sql,1,2025-11-03 12:00:00",
        "L7,sql,1,2025-11-18 00:00:00");
  }

  static List<String> cohort(String decisionTime) {
    return TestFrames.sortedRows(
        BacktestCohort.build(
                leads(), stageEvents(), NOV, DecisionTime.parse(decisionTime), "sql", 7)
            .select(
                "lead_id", "decision_at", "cohort_status", "is_outcome", "is_fit_point_in_time"));
  }

  @Test
  void statusesAndLabelsByHand() {
    // t0 = created + 24h, W = 7 days, horizon 2025-12-01 00:00
    assertEquals(
        List.of(
            "[L1,2025-11-02 10:00:00.0,labelled,true,true]", // sql 3 days after t0
            "[L2,2025-11-03 10:00:00.0,labelled,false,false]", // sql 17 days after t0
            "[L3,2025-11-04 10:00:00.0,outcome_before_decision,null,true]",
            "[L4,2025-11-29 10:00:00.0,censored,null,true]", // t0 + 7 days > horizon
            "[L7,2025-11-11 00:00:00.0,labelled,true,false]"), // sql exactly at t0 + W counts
        cohort("created+24h"));
  }

  @Test
  void aDecisionTimeAnchoredOnAStageUsesTheFirstEntry() {
    assertEquals(
        List.of(
            "[L1,2025-11-03 10:00:00.0,labelled,true,true]", // mql #1, not the re-entry
            "[L2,null,no_decision,null,false]",
            "[L3,2025-11-03 12:00:00.0,outcome_before_decision,null,true]",
            "[L4,null,no_decision,null,false]",
            "[L7,null,no_decision,null,false]"),
        cohort("stage:mql"));
  }

  @Test
  void decisionTimesParseToCanonicalText() {
    assertEquals("created+24h", DecisionTime.parse("created+1d").toString());
    assertEquals("stage:mql+2h", DecisionTime.parse("Stage:MQL+2h").toString());
    assertEquals("created", DecisionTime.parse("created").toString());
  }
}
