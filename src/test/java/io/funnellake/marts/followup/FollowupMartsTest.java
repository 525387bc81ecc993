package io.funnellake.marts.followup;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.Mart;
import io.funnellake.marts.funnel.FunnelMarts;
import io.funnellake.quality.GrainCheck;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestMarts;
import io.funnellake.testing.TestRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-up, SLA, capacity, handoff and aging on four hand-made MQLs (run date 2025-11-30: "as of"
 * 2025-12-01 00:00 UTC; month grain only; overload threshold 0.004 so one rep is overloaded).
 *
 * <ul>
 *   <li>M1 (owner R2): lead Nov 1, MQL Nov 3 09:00, SAL Nov 3 12:00. R1 calls Nov 2 (before the
 *       handoff: not a follow-up touch), Nov 3 09:04 (4 minutes after) and e-mails at 10:00.
 *   <li>M2 (owner R2): MQL Nov 10 09:00, disqualified Nov 12 09:00 (bad_fit), never touched.
 *   <li>M3 (owner R1): MQL Nov 25 09:00, R1 calls Nov 26 09:00 (1440 minutes) and logs an "other"
 *       activity (not a touch); the 14-day window is still open.
 *   <li>M4 (owner R1): MQL Nov 20 09:00, disqualified Nov 21 09:00 without a reason, never touched.
 * </ul>
 */
class FollowupMartsTest {
  @TempDir static Path tmp;
  static Map<String, Dataset<Row>> t;

  @BeforeAll
  static void build() {
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,disqualification_reason,channel,"
                + "sourced_by,owner_id,original_campaign_id",
            "M1,k1,2025-11-01T09:00:00Z,2025-11-03T12:00:00Z,sal,,webinar,marketing,R2,C2",
            "M2,k2,2025-11-10T09:00:00Z,2025-11-12T09:00:00Z,disqualified,bad_fit,webinar,"
                + "marketing,R2,C2",
            "M3,k3,2025-11-25T09:00:00Z,2025-11-25T09:00:00Z,mql,,webinar,marketing,R1,C2",
            "M4,k4,2025-11-20T09:00:00Z,2025-11-21T09:00:00Z,disqualified,,webinar,marketing,R1,"
                + "C2");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status,disqualification_reason",
            "M1,2025-11-01T09:00:00Z,lead,",
            "M1,2025-11-03T09:00:00Z,mql,",
            "M1,2025-11-03T12:00:00Z,sal,",
            "M2,2025-11-10T09:00:00Z,lead,",
            "M2,2025-11-10T09:00:00Z,mql,",
            "M2,2025-11-12T09:00:00Z,disqualified,bad_fit",
            "M3,2025-11-25T09:00:00Z,lead,",
            "M3,2025-11-25T09:00:00Z,mql,",
            "M4,2025-11-20T09:00:00Z,lead,",
            "M4,2025-11-20T09:00:00Z,mql,",
            "M4,2025-11-21T09:00:00Z,disqualified,");
    Dataset<Row> activities =
        TestFrames.silver(
            Entity.SALES_ACTIVITIES,
            "activity_id,lead_id,rep_id,activity_type,activity_at,duration_minutes",
            "T1,M1,R1,call,2025-11-02T09:00:00Z,5",
            "T2,M1,R1,call,2025-11-03T09:04:00Z,10",
            "T3,M1,R1,email,2025-11-03T10:00:00Z,5",
            "T4,M3,R1,call,2025-11-26T09:00:00Z,10",
            "T5,M3,R1,other,2025-11-26T10:00:00Z,");
    Dataset<Row> reps =
        TestFrames.silver(
            Entity.REPS,
            "rep_id,team,role,monthly_capacity_hours",
            "R1,east,sdr,160",
            "R2,west,sdr,80");
    t =
        TestMarts.build(
            tmp,
            "2025-11-30",
            Map.of(
                "silver.leads", leads,
                "silver.lead_status_history", history,
                "silver.sales_activities", activities,
                "silver.reps", reps),
            FunnelMarts.all(),
            "funnel.funnel.period_grains",
            "[month]",
            "followup.capacity.overload_threshold",
            "0.004");
  }

  static Dataset<Row> gold(String name) {
    return t.get("gold." + name);
  }

  @Test
  void oneHandoffPerMqlWhateverTheNumberOfActivitiesAndHistoryRows() {
    assertEquals(
        List.of(
            "M1|1|R1|east|2025-11-03 09:04|4.0|2|2025-11-03 12:00|-|-|false|false",
            "M2|1|R2|west|-|-|0|-|2025-11-12 09:00|bad_fit|true|false",
            "M3|1|R1|east|2025-11-26 09:00|1440.0|1|-|-|-|false|true",
            "M4|1|R1|east|-|-|0|-|2025-11-21 09:00|-|false|true"),
        TestRows.of(
            t.get("silver.int_mql_handoffs"),
            "lead_id",
            "handoff_occurrence",
            "rep_id",
            "team",
            "first_touch_at",
            "minutes_to_first_touch",
            "total_touches",
            "accepted_at",
            "rejected_at",
            "rejection_reason",
            "is_properly_worked",
            "is_worked_pending"));
  }

  @Test
  void followUpPerRepTeamAndChannel() {
    assertEquals(
        List.of(
            "R1|east|webinar|3|2|1|3|722.0|1296.4|0|2|1.0|0.3333|0.0",
            "R2|west|webinar|1|0|1|0|-|-|1|0|0.0|1.0|1.0"),
        TestRows.of(
            gold("followup_sla"),
            "rep_id",
            "team",
            "channel",
            "total_mqls",
            "total_touched",
            "total_never_touched",
            "total_touches",
            "median_minutes_to_first_touch",
            "p90_minutes_to_first_touch",
            "total_properly_worked",
            "total_worked_pending",
            "touches_per_mql",
            "never_touched_rate",
            "properly_worked_rate"));
  }

  @Test
  void shareWithinEachSlaTarget() {
    assertEquals(
        List.of(
            "R1|agreed|300|3|1|0|0.3333",
            "R1|common|1440|3|2|0|0.6667",
            "R1|ideal|5|3|1|0|0.3333",
            "R2|agreed|300|1|0|0|0.0",
            "R2|common|1440|1|0|0|0.0",
            "R2|ideal|5|1|0|0|0.0"),
        TestRows.of(
            gold("followup_sla_targets"),
            "rep_id",
            "sla_target",
            "sla_minutes",
            "total_mqls",
            "total_within_sla",
            "total_pending",
            "within_sla_rate"));
  }

  @Test
  void handoffAcceptanceAndRejectionTimes() {
    assertEquals(
        List.of(
            "webinar|C2|R1|east|3|1|1|1|3.0|24.0|0.3333|0.3333",
            "webinar|C2|R2|west|1|0|1|0|-|48.0|0.0|1.0"),
        TestRows.of(
            gold("mql_handoff_acceptance"),
            "channel",
            "original_campaign_id",
            "rep_id",
            "team",
            "total_handoffs",
            "total_accepted",
            "total_rejected",
            "total_open",
            "median_hours_to_accept",
            "median_hours_to_reject",
            "acceptance_rate",
            "rejection_rate"));
  }

  @Test
  void capacityComparesDemandedHoursWithTheRepsHours() {
    // minutes per lead = 30 logged minutes on leads / 2 leads = 15; R1: 3 handoffs x 15 min
    assertEquals(
        List.of(
            "2025-11-01|R1|east|true|3|3|0|30|2|15.0|15.0|logged|160.0|0.75|0.75|0.0047|0.0031"
                + "|true|0.0",
            "2025-11-01|R2|west|true|1|1|0|0|0|-|15.0|logged|80.0|0.25|0.25|0.0031|0.0|false"
                + "|0.0"),
        TestRows.of(
            gold("rep_capacity"),
            "month_start",
            "rep_id",
            "team",
            "is_capacity_pool",
            "total_leads_assigned",
            "total_marketing_leads_assigned",
            "total_converted",
            "total_minutes_logged",
            "total_leads_touched",
            "rep_minutes_per_lead",
            "minutes_per_lead",
            "minutes_per_lead_source",
            "capacity_hours",
            "demand_hours",
            "marketing_demand_hours",
            "utilisation_rate",
            "logged_utilisation_rate",
            "is_overloaded",
            "conversion_rate"));
  }

  @Test
  void disqualificationsByReasonWithUnspecifiedWhenEmpty() {
    assertEquals(
        List.of(
            "2025-11-01|disqualified|bad_fit|mql|webinar|C2|R2|west|1",
            "2025-11-01|disqualified|unspecified|mql|webinar|C2|R1|east|1"),
        TestRows.of(
            gold("disqualification_reasons"),
            "period_start",
            "exit_status",
            "disqualification_reason",
            "from_stage",
            "channel",
            "original_campaign_id",
            "owner_id",
            "team",
            "total_disqualified"));
  }

  @Test
  void agingOfOpenLeadsWithStaleness() {
    assertEquals(
        List.of("2025-11-30|mql|0-7|0|R1|1|0|0|5.63", "2025-11-30|sal|8-30|1|R2|1|1|0|27.5"),
        TestRows.of(
            gold("lead_aging"),
            "snapshot_date",
            "current_stage",
            "age_bucket",
            "age_bucket_index",
            "owner_id",
            "total_open_leads",
            "total_stale_leads",
            "total_never_touched",
            "mean_age_days"));
  }

  @Test
  void everyTableIsUniqueAndNotNullOnItsGrainAndCountsAddUp() {
    for (Mart m : FunnelMarts.all()) {
      Dataset<Row> df = t.get(m.layer() + "." + m.name());
      assertEquals(
          "pass", GrainCheck.check(m.name(), m.grain(), df).status(), "grain of " + m.name());
    }
    // no join multiplied a handoff: the per-rep sums equal the handoff count
    assertEquals(
        4L,
        gold("followup_sla")
            .agg(org.apache.spark.sql.functions.sum("total_mqls"))
            .head()
            .getLong(0));
    assertEquals(
        12L,
        gold("followup_sla_targets")
            .agg(org.apache.spark.sql.functions.sum("total_mqls"))
            .head()
            .getLong(0));
    assertEquals(4L, t.get("silver.int_lead_touches").filter(col("is_touch")).count());
  }
}
