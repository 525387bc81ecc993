package io.funnellake.marts.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.Mart;
import io.funnellake.marts.attribution.AttributionOpportunities;
import io.funnellake.marts.funnel.FunnelMarts;
import io.funnellake.quality.GrainCheck;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestMarts;
import io.funnellake.testing.TestRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goals vs actuals and the weekly scorecard on five hand-made MQL handoffs (run date Wednesday
 * 2025-11-19, UTC; "as of" 2025-11-20 00:00; SLA 300 minutes; scorecard split by team).
 *
 * <ul>
 *   <li>A (owner R1 east, webinar): MQL Mon Nov 10 09:00, R1 calls 09:30 (30 min, within SLA), SQL
 *       Nov 12; opportunity O1 1000 USD created Nov 12, open.
 *   <li>B (owner R2 west, ppc): MQL Nov 11 09:00, R2 calls Nov 12 09:00 (1440 min: late),
 *       disqualified Nov 13 (no_budget).
 *   <li>C (owner R1 east, webinar): MQL Nov 12 09:00, never touched, disqualified Nov 14
 *       (no_budget).
 *   <li>D (owner R2 west, webinar): MQL Wed Nov 19 20:00, never touched; its SLA ends Nov 20 01:00,
 *       after the as-of instant: pending.
 *   <li>E (owner R2 west, webinar): MQL Fri Oct 31 09:00 (October, week of Oct 27), R2 calls 09:10,
 *       SQL Nov 3; opportunity O2 2000 USD created Nov 3, won with close date Nov 18.
 * </ul>
 *
 * Logged minutes: A 10, B 20, E 30: 20 minutes per lead. Capacity pool R1 160 h + R2 80 h.
 */
class GoalsMartsTest {
  @TempDir static Path tmp;
  static Map<String, Dataset<Row>> t;

  @BeforeAll
  static void build() throws Exception {
    Path targets = tmp.resolve("targets.csv");
    Files.writeString(
        targets,
        String.join(
            "\n",
            "# sales and marketing targets",
            "period_grain,period_start,scope,scope_value,metric,target",
            "month,2025-11-01,all,,mql_volume,6",
            "month,2025-11-01,all,,within_sla_share,0.5",
            "month,2025-11-01,all,,won_revenue,4000",
            "month,2025-10-01,all,,mql_volume,2",
            "week,2025-11-10,all,,mql_volume,4",
            "week,2025-11-10,all,,mql_to_sql_rate,0.25",
            "week,2025-11-10,team,east,mql_volume,2",
            "month,2025-12-01,all,,mql_volume,10",
            ""));
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,channel,sourced_by,owner_id",
            "A,kA,2025-11-10T08:00:00Z,2025-11-12T09:00:00Z,sql,webinar,marketing,R1",
            "B,kB,2025-11-11T08:00:00Z,2025-11-13T09:00:00Z,disqualified,ppc,marketing,R2",
            "C,kC,2025-11-12T08:00:00Z,2025-11-14T09:00:00Z,disqualified,webinar,marketing,R1",
            "D,kD,2025-11-19T19:00:00Z,2025-11-19T20:00:00Z,mql,webinar,marketing,R2",
            "E,kE,2025-10-31T08:00:00Z,2025-11-03T09:00:00Z,sql,webinar,marketing,R2");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status,disqualification_reason",
            "A,2025-11-10T08:00:00Z,lead,",
            "A,2025-11-10T09:00:00Z,mql,",
            "A,2025-11-12T09:00:00Z,sql,",
            "B,2025-11-11T08:00:00Z,lead,",
            "B,2025-11-11T09:00:00Z,mql,",
            "B,2025-11-13T09:00:00Z,disqualified,no_budget",
            "C,2025-11-12T08:00:00Z,lead,",
            "C,2025-11-12T09:00:00Z,mql,",
            "C,2025-11-14T09:00:00Z,disqualified,no_budget",
            "D,2025-11-19T19:00:00Z,lead,",
            "D,2025-11-19T20:00:00Z,mql,",
            "E,2025-10-31T08:00:00Z,lead,",
            "E,2025-10-31T09:00:00Z,mql,",
            "E,2025-11-03T09:00:00Z,sql,");
    Dataset<Row> activities =
        TestFrames.silver(
            Entity.SALES_ACTIVITIES,
            "activity_id,lead_id,rep_id,activity_type,activity_at,duration_minutes",
            "T1,A,R1,call,2025-11-10T09:30:00Z,10",
            "T2,B,R2,call,2025-11-12T09:00:00Z,20",
            "T3,E,R2,call,2025-10-31T09:10:00Z,30");
    Dataset<Row> reps =
        TestFrames.silver(
            Entity.REPS,
            "rep_id,team,role,monthly_capacity_hours",
            "R1,east,sdr,160",
            "R2,west,sdr,80");
    Dataset<Row> opps =
        TestFrames.silver(
            Entity.OPPORTUNITIES,
            "opportunity_id,converted_from_lead_id,created_at,close_date,stage,amount,currency,"
                + "is_won,is_closed,owner_id,updated_at",
            "O1,A,2025-11-12T10:00:00Z,,qualification,1000,USD,false,false,R1,2025-11-12T10:00:00Z",
            "O2,E,2025-11-03T10:00:00Z,2025-11-18,closed_won,2000,USD,true,true,R2,"
                + "2025-11-18T10:00:00Z");
    List<Mart> marts = new ArrayList<>(FunnelMarts.all());
    marts.add(new AttributionOpportunities());
    marts.addAll(GoalMarts.all());
    t =
        TestMarts.build(
            tmp,
            "2025-11-19",
            Map.of(
                "silver.leads", leads,
                "silver.lead_status_history", history,
                "silver.sales_activities", activities,
                "silver.reps", reps,
                "silver.opportunities", opps),
            marts,
            "goals.targets_file",
            "\"" + targets + "\"",
            "goals.scorecard.split_by",
            "[team]");
  }

  @Test
  void attainmentAndPacingPerTarget() {
    assertEquals(
        List.of(
            "month|2025-10-01|all|all|mql_volume|2.0|1.0|0.5|closed|31|31|1.0|0.5|false",
            "month|2025-11-01|all|all|mql_volume|6.0|4.0|0.6667|current|30|19|6.3158|1.0526|true",
            "month|2025-11-01|all|all|within_sla_share|0.5|0.3333|0.6667|current|30|19|0.3333"
                + "|0.6667|false",
            "month|2025-11-01|all|all|won_revenue|4000.0|2000.0|0.5|current|30|19|3157.8947"
                + "|0.7895|false",
            "month|2025-12-01|all|all|mql_volume|10.0|0.0|0.0|future|31|0|-|-|-",
            "week|2025-11-10|all|all|mql_to_sql_rate|0.25|0.3333|1.3333|closed|7|7|0.3333|1.3333"
                + "|true",
            "week|2025-11-10|all|all|mql_volume|4.0|3.0|0.75|closed|7|7|3.0|0.75|false",
            "week|2025-11-10|team|east|mql_volume|2.0|2.0|1.0|closed|7|7|2.0|1.0|true"),
        TestRows.of(
            t.get("gold.goals_vs_actuals"),
            "period_grain",
            "period_start",
            "scope",
            "scope_value",
            "metric",
            "target_value",
            "actual_value",
            "attainment_rate",
            "period_status",
            "days_in_period",
            "days_elapsed",
            "projected_value",
            "projected_attainment_rate",
            "is_on_pace"));
  }

  @Test
  void scorecardRowsPerWeekAndTeam() {
    assertEquals(
        List.of(
            "2025-10-27|all|all|1|-|1|1|1.0|0|1|1.0|-|0.33|55.38|0.00|0.00",
            "2025-10-27|team|west|1|-|1|1|1.0|0|1|1.0|-|0.33|18.46|0.00|0.00",
            "2025-11-03|all|all|0|-|0|0|-|0|0|-|-|0.0|55.38|2000.00|0.00",
            "2025-11-03|team|west|0|-|0|0|-|0|0|-|-|0.0|18.46|2000.00|0.00",
            "2025-11-10|all|all|3|4.0|1|3|0.3333|1|1|0.3333|no_budget (2)|1.0|55.38|1000.00|0.00",
            "2025-11-10|team|east|2|2.0|1|2|0.5|1|1|0.5|no_budget (1)|0.67|36.92|1000.00|0.00",
            "2025-11-10|team|west|1|-|0|1|0.0|0|0|0.0|no_budget (1)|0.33|18.46|0.00|0.00",
            "2025-11-17|all|all|1|-|0|0|-|1|0|0.0|-|0.33|55.38|0.00|2000.00",
            "2025-11-17|team|west|1|-|0|0|-|1|0|0.0|-|0.33|18.46|0.00|2000.00"),
        TestRows.of(
            t.get("gold.weekly_alignment_scorecard"),
            "week_start",
            "scope",
            "scope_value",
            "total_mqls",
            "target_mql_volume",
            "total_within_sla",
            "total_sla_judged",
            "within_sla_rate",
            "total_never_touched",
            "total_sql",
            "mql_to_sql_rate",
            "top_disqualification_reasons",
            "demand_hours",
            "capacity_hours",
            "pipeline_created",
            "won_revenue"));
  }

  @Test
  void grainsAreUnique() {
    for (Mart m : GoalMarts.all()) {
      assertEquals(
          "pass", GrainCheck.check(m.name(), m.grain(), t.get("gold." + m.name())).status());
    }
  }
}
