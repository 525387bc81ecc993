package io.funnellake.marts.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.Mart;
import io.funnellake.marts.attribution.AttributionOpportunities;
import io.funnellake.marts.funnel.FunnelMarts;
import io.funnellake.quality.GrainCheck;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestMarts;
import io.funnellake.testing.TestRows;
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
 * Content usage on four assets (month grain, run date 2025-11-30): W1 (for cfo, published Sep), V1
 * (for it_manager, Oct), U1 (for cfo, published Nov 15, never used), F1 (published in December). P1
 * (cfo) reads W1 on Nov 3 as a lead and Nov 6 as an MQL, watched V1 on Oct 20 before it was
 * created; P2 (it_manager) reads W1 as a lead; P3 (cfo) watches V1 as a contact (converted lead)
 * while an MQL. P1's deal O1 (5000 USD) is won on Nov 20; P3's O2 is open.
 */
class ContentMartsTest {
  @TempDir static Path tmp;
  static Map<String, Dataset<Row>> t;

  @BeforeAll
  static void build() {
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,persona,converted_contact_id",
            "P1,k1,2025-11-01T09:00:00Z,2025-11-10T09:00:00Z,sql,cfo,",
            "P2,k2,2025-11-02T09:00:00Z,2025-11-02T09:00:00Z,lead,it_manager,",
            "P3,k3,2025-10-01T09:00:00Z,2025-10-02T09:00:00Z,mql,cfo,K3");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status",
            "P1,2025-11-01T09:00:00Z,lead",
            "P1,2025-11-05T09:00:00Z,mql",
            "P1,2025-11-10T09:00:00Z,sql",
            "P2,2025-11-02T09:00:00Z,lead",
            "P3,2025-10-01T09:00:00Z,lead",
            "P3,2025-10-02T09:00:00Z,mql");
    Dataset<Row> assets =
        TestFrames.silver(
            Entity.CONTENT_ASSETS,
            "content_id,title,asset_type,target_persona,funnel_stage,published_at",
            "W1,Pricing guide,whitepaper,cfo,bofu,2025-09-01T00:00:00Z",
            "V1,Setup video,video,it_manager,mofu,2025-10-01T00:00:00Z",
            "U1,Budget ebook,ebook,cfo,tofu,2025-11-15T00:00:00Z",
            "F1,Next year,blog,cfo,tofu,2025-12-10T00:00:00Z");
    Dataset<Row> responses =
        TestFrames.silver(
            Entity.CAMPAIGN_RESPONSES,
            "response_id,lead_id,contact_id,response_type,responded_at,content_id",
            "R1,P1,,content_download,2025-11-03T09:00:00Z,W1",
            "R2,P1,,content_download,2025-11-06T09:00:00Z,W1",
            "R3,P2,,content_download,2025-11-07T09:00:00Z,W1",
            "R4,,K3,page_view,2025-11-08T09:00:00Z,V1",
            "R5,P1,,page_view,2025-10-20T09:00:00Z,V1",
            "R6,P2,,page_view,2025-11-08T09:00:00Z,");
    Dataset<Row> opps =
        TestFrames.silver(
            Entity.OPPORTUNITIES,
            "opportunity_id,converted_from_lead_id,created_at,close_date,stage,amount,currency,"
                + "is_won,is_closed,updated_at",
            "O1,P1,2025-11-12T10:00:00Z,2025-11-20,closed_won,5000,USD,true,true,"
                + "2025-11-20T10:00:00Z",
            "O2,P3,2025-11-09T10:00:00Z,,qualification,1000,USD,false,false,2025-11-09T10:00:00Z");
    List<Mart> marts = new ArrayList<>(FunnelMarts.all());
    marts.add(new AttributionOpportunities());
    marts.addAll(ContentMarts.all());
    t =
        TestMarts.build(
            tmp,
            "2025-11-30",
            Map.of(
                "silver.leads", leads,
                "silver.lead_status_history", history,
                "silver.content_assets", assets,
                "silver.campaign_responses", responses,
                "silver.opportunities", opps),
            marts);
  }

  @Test
  void usagePerAssetPersonaStageAndMonthWithUnusedAssets() {
    assertEquals(
        List.of(
            "2025-10-01|V1|cfo|none|false|false|1|1|0|1|1|5000.00|0.0",
            "2025-10-01|W1|none|none|true|false|0|0|0|0|0|0.00|-",
            "2025-11-01|U1|none|none|true|false|0|0|0|0|0|0.00|-",
            "2025-11-01|V1|cfo|mql|false|false|1|1|0|1|0|0.00|0.0",
            "2025-11-01|W1|cfo|lead|false|true|1|1|1|1|1|5000.00|0.5",
            "2025-11-01|W1|cfo|mql|false|true|1|1|1|1|1|5000.00|0.5",
            "2025-11-01|W1|it_manager|lead|false|false|1|1|0|0|0|0.00|0.5"),
        TestRows.of(
            t.get("gold.content_usage"),
            "period_start",
            "content_id",
            "persona",
            "lead_stage",
            "is_unused",
            "is_target_persona",
            "total_interactions",
            "total_leads",
            "total_target_persona_leads",
            "total_opportunities_influenced",
            "total_won_influenced",
            "won_revenue_influenced",
            "asset_target_persona_share"));
  }

  @Test
  void shareOfWonCustomersWhoUsedContent() {
    assertEquals(
        List.of("month|2025-11-01|1|1|1|1|1.0|5000.00|5000.00|1.0"),
        TestRows.of(
            t.get("gold.content_won_coverage"),
            "period_grain",
            "period_start",
            "total_won_opportunities",
            "total_won_with_content",
            "total_won_customers",
            "total_won_customers_with_content",
            "won_customer_content_share",
            "won_revenue",
            "won_revenue_with_content",
            "won_revenue_content_share"));
  }

  @Test
  void grainsAreUnique() {
    for (Mart m : ContentMarts.all()) {
      assertEquals(
          "pass",
          GrainCheck.check(m.name(), m.grain(), t.get(m.layer() + "." + m.name())).status());
    }
  }
}
