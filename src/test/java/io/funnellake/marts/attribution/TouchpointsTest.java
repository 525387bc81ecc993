package io.funnellake.marts.attribution;

import static io.funnellake.testing.TestFrames.silver;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.testing.TestFrames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Touch sources, matching modes, windows, exclusions, collapsing and ordering. */
class TouchpointsTest {
  @TempDir Path tmp;

  static final String OPP_HEADER =
      "opportunity_id,account_id,converted_from_lead_id,created_at,close_date,stage,amount,"
          + "currency,is_won,is_closed,sourced_by";

  /** int_attribution_touches for the given silver frames. */
  Dataset<Row> touches(FunnelConfig config, Map<String, Dataset<Row>> silver) {
    Dataset<Row> opportunities =
        AttributionOpportunities.of(
            frame(silver, Entity.OPPORTUNITIES),
            frame(silver, Entity.OPPORTUNITY_STAGE_HISTORY),
            frame(silver, Entity.LEADS),
            frame(silver, Entity.CURRENCY_RATES),
            config);
    return AttributionTouches.of(
        frame(silver, Entity.CAMPAIGN_RESPONSES),
        frame(silver, Entity.SALES_ACTIVITIES),
        frame(silver, Entity.CAMPAIGNS),
        frame(silver, Entity.LEADS),
        frame(silver, Entity.OPPORTUNITY_CONTACT_ROLES),
        opportunities,
        AttributionSettings.of(config));
  }

  static Dataset<Row> frame(Map<String, Dataset<Row>> silver, Entity e) {
    Dataset<Row> df = silver.get(e.table());
    return df != null ? df : silver(e, firstField(e));
  }

  private static String firstField(Entity e) {
    return e.fields().get(0).name();
  }

  /** "opportunity/touch_id#touch_number" sorted. */
  static List<String> listed(Dataset<Row> touches) {
    return touches
        .select(
            org.apache.spark.sql.functions.concat_ws(
                "",
                col("opportunity_id"),
                org.apache.spark.sql.functions.lit("/"),
                col("touch_id"),
                org.apache.spark.sql.functions.lit("#"),
                col("touch_number")))
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .sorted()
        .toList();
  }

  @Test
  void windowsAndExclusionsAtTheirExactBoundaries() {
    FunnelConfig config =
        AttributionRun.config(
            tmp,
            "2025-04-30",
            "lookback_days",
            "30",
            "influence_window_days",
            "10",
            "collapse_window_hours",
            "0",
            "excluded_campaign_types",
            "[internal]");
    Map<String, Dataset<Row>> in =
        Map.of(
            "campaigns",
            silver(
                Entity.CAMPAIGNS,
                "campaign_id,campaign_type,is_deleted",
                "C1,webinar,false",
                "CX,internal,false",
                "CD,webinar,true"),
            "leads",
            silver(
                Entity.LEADS,
                "lead_id,lead_key,created_at,status",
                "L1,k1,2025-01-01T00:00:00Z,won",
                "L2,k2,2025-01-01T00:00:00Z,sql"),
            "opportunities",
            silver(
                Entity.OPPORTUNITIES,
                OPP_HEADER,
                "O1,,L1,2025-03-20T12:00:00Z,2025-04-10,closed_won,100,USD,true,true,marketing",
                "O2,,L2,2025-04-20T12:00:00Z,,discovery,100,USD,false,false,marketing"),
            "opportunity_stage_history",
            silver(
                Entity.OPPORTUNITY_STAGE_HISTORY,
                "opportunity_id,changed_at,stage",
                "O1,2025-03-20T12:00:00Z,qualification",
                "O1,2025-04-10T15:00:00Z,closed_won"),
            "campaign_responses",
            silver(
                Entity.CAMPAIGN_RESPONSES,
                "response_id,campaign_id,lead_id,response_type,responded_at",
                // O1 closed at 04-10 15:00; lookback 30 days => from 03-11 15:00
                "at_close,C1,L1,email_click,2025-04-10T15:00:00Z",
                "after_close,C1,L1,email_click,2025-04-10T15:00:01Z",
                "at_lookback_limit,C1,L1,email_click,2025-03-11T15:00:00Z",
                "before_lookback_limit,C1,L1,email_click,2025-03-11T14:59:59Z",
                "excluded_type,CX,L1,email_click,2025-03-15T00:00:00Z",
                "deleted_campaign,CD,L1,email_click,2025-03-15T00:00:00Z",
                // O2 open, created 04-20 12:00; influence 10 days => from 04-10 12:00
                "at_influence_limit,C1,L2,email_click,2025-04-10T12:00:00Z",
                "before_influence_limit,C1,L2,email_click,2025-04-10T11:59:59Z",
                "last_second_of_run_date,C1,L2,email_click,2025-04-30T23:59:59Z",
                "after_run_date,C1,L2,email_click,2025-05-01T00:00:00Z"));
    assertEquals(
        List.of(
            "O1/at_close#2",
            "O1/at_lookback_limit#1",
            "O2/at_influence_limit#1",
            "O2/last_second_of_run_date#2"),
        listed(touches(config, in)));
  }

  @Test
  void repeatedTouchesCollapseTiesBreakByKindThenIdAndSalesDealsAreNotLost() {
    FunnelConfig config =
        AttributionRun.config(tmp, "2025-04-30", "include_sales_activities", "true");
    Map<String, Dataset<Row>> in =
        Map.of(
            "campaigns",
            silver(
                Entity.CAMPAIGNS,
                "campaign_id,campaign_type,channel",
                "C1,webinar,webinar",
                "C2,email,email",
                "C3,event,event"),
            "leads",
            silver(
                Entity.LEADS,
                "lead_id,lead_key,created_at,status,merged_into_lead_id,is_deleted",
                "L3,k3,2025-01-01T00:00:00Z,sql,,false",
                "L4,k4,2025-01-01T00:00:00Z,sql,,false",
                "L10,k10,2025-01-01T00:00:00Z,sql,,false",
                "L13,k13,2025-01-01T00:00:00Z,sql,L14,false",
                "L14,k14,2025-01-01T00:00:00Z,sql,,false",
                "L15,k15,2025-01-01T00:00:00Z,sql,,true"),
            "opportunities",
            silver(
                Entity.OPPORTUNITIES,
                OPP_HEADER,
                "O3,,L3,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing",
                "O4,,L4,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing",
                "O9,,,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,sales",
                "O10,,L10,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,sales",
                "O11,,,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing",
                "O12,,,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,sales",
                "O13,,L14,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing",
                "O15,,L15,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing"),
            "campaign_responses",
            silver(
                    Entity.CAMPAIGN_RESPONSES,
                    "response_id,campaign_id,lead_id,response_type,responded_at",
                    // collapse window 24 h: K2 is exactly 24 h after K1, K3 24 h after K2 (a
                    // burst), K4 24 h + 1 s after K3 (new); K5 is another campaign
                    "K1,C1,L3,page_view,2025-03-01T00:00:00Z",
                    "K2,C1,L3,page_view,2025-03-02T00:00:00Z",
                    "K3,C1,L3,page_view,2025-03-03T00:00:00Z",
                    "K4,C1,L3,page_view,2025-03-04T00:00:01Z",
                    "K5,C2,L3,page_view,2025-03-01T00:00:00Z",
                    // equal times: responses before activities, then by id ("R10" < "R9")
                    "R9,C1,L4,page_view,2025-03-10T10:00:00Z",
                    "R10,C2,L4,page_view,2025-03-10T10:00:00Z",
                    "R1,C3,L4,page_view,2025-03-10T09:00:00Z",
                    "M10,C1,L10,page_view,2025-03-10T09:00:00Z",
                    // a merged lead's touches follow it; a deleted lead's do not count
                    "N1,C1,L13,page_view,2025-03-10T09:00:00Z",
                    "N2,C1,L15,page_view,2025-03-10T09:00:00Z")
                .orderBy(col("response_id").desc())
                .repartition(3),
            "sales_activities",
            silver(
                Entity.SALES_ACTIVITIES,
                "activity_id,lead_id,opportunity_id,activity_type,activity_at",
                "A1,L4,,call,2025-03-10T10:00:00Z",
                "A5,,O12,call,2025-03-20T10:00:00Z"));
    Dataset<Row> t = touches(config, in);
    assertEquals(
        List.of(
            "O10/M10#1",
            "O12/A5#1",
            "O13/N1#1",
            "O3/K1#1",
            "O3/K4#3",
            "O3/K5#2",
            "O4/A1#4",
            "O4/R1#1",
            "O4/R10#2",
            "O4/R9#3",
            "O9/O9#1"),
        listed(t));
    assertEquals(
        List.of(
            "[O12,sales_activity,sales_prospecting,sales_prospecting,null]",
            "[O13,marketing_response,C1,webinar,k14]",
            "[O9,sales_prospecting,sales_prospecting,sales_prospecting,null]"),
        TestFrames.sortedRows(
            t.filter(col("opportunity_id").isin("O9", "O12", "O13"))
                .select("opportunity_id", "touch_kind", "campaign_id", "channel", "lead_key")));
  }

  Map<String, Dataset<Row>> matchingInput() {
    return Map.of(
        "leads",
        silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,status,account_id,converted_contact_id,"
                + "converted_opportunity_id",
            "L5,k5,2025-01-01T00:00:00Z,sql,,,O5",
            "L7,k7,2025-01-01T00:00:00Z,sql,,K1,",
            "L8,k8,2025-01-01T00:00:00Z,sql,AC1,,"),
        "opportunities",
        silver(
            Entity.OPPORTUNITIES,
            OPP_HEADER,
            "O5,,,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing",
            "O6,,L5,2025-04-02T00:00:00Z,,discovery,1,USD,false,false,marketing",
            "O7,,,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing",
            "O8,AC1,,2025-04-01T00:00:00Z,,discovery,1,USD,false,false,marketing"),
        "opportunity_contact_roles",
        silver(
            Entity.OPPORTUNITY_CONTACT_ROLES,
            "opportunity_id,contact_id,lead_id",
            "O7,K1,L7",
            "O7,K2,"),
        "campaign_responses",
        silver(
            Entity.CAMPAIGN_RESPONSES,
            "response_id,campaign_id,lead_id,contact_id,response_type,responded_at",
            "M1,C1,L5,,page_view,2025-03-01T00:00:00Z",
            "M2,C1,,K1,page_view,2025-03-02T00:00:00Z",
            "M3,C1,,K2,page_view,2025-03-03T00:00:00Z",
            "M4,C1,L7,,page_view,2025-03-04T00:00:00Z",
            "M5,C1,L8,,page_view,2025-03-05T00:00:00Z"));
  }

  @Test
  void matchingModesAndNoFanOut() {
    // a lead with two opportunities: its touch belongs to both, once each
    List<String> byLead = List.of("O5/M1#1", "O6/M1#1");
    // contact roles: K1 (also lead L7's converted contact, so M2 and M4 match twice), K2
    List<String> byRoles = List.of("O7/M2#1", "O7/M3#2", "O7/M4#3");
    assertEquals(
        byLead,
        listed(
            touches(
                AttributionRun.config(tmp, "2025-04-30", "matching", "converted_lead"),
                matchingInput())));
    assertEquals(
        concat(byLead, byRoles),
        listed(
            touches(
                AttributionRun.config(tmp, "2025-04-30", "matching", "contact_roles"),
                matchingInput())));
    assertEquals(
        concat(byLead, byRoles, List.of("O8/M5#1")),
        listed(
            touches(
                AttributionRun.config(tmp, "2025-04-30", "matching", "account"), matchingInput())));
  }

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).sorted().toList();
  }
}
