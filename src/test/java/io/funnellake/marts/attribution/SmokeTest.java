package io.funnellake.marts.attribution;

import static io.funnellake.testing.TestFrames.silver;

import io.funnellake.contract.Entity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path tmp;

  @Test
  void runs() {
    var cfg = AttributionRun.config(tmp, "2025-06-30");
    var out =
        AttributionRun.build(
            tmp,
            cfg,
            Map.of(
                "silver.campaigns",
                silver(
                    Entity.CAMPAIGNS,
                    "campaign_id,name,campaign_type,channel,cost,currency,start_date",
                    "C1,Webinar,webinar,webinar,1000,USD,2025-01-01",
                    "C2,Search,paid_search,paid_search,500,EUR,2025-02-01"),
                "silver.campaign_responses",
                silver(
                    Entity.CAMPAIGN_RESPONSES,
                    "response_id,campaign_id,lead_id,response_type,responded_at",
                    "R1,C1,L1,form_fill,2025-03-01T10:00:00Z",
                    "R2,C2,L1,ad_click,2025-03-05T10:00:00Z",
                    "R3,C9,L2,ad_click,2025-03-05T10:00:00Z"),
                "silver.leads",
                silver(
                    Entity.LEADS,
                    "lead_id,lead_key,created_at,status,converted_opportunity_id",
                    "L1,k1,2025-03-01T10:00:00Z,won,O1",
                    "L2,k2,2025-03-01T10:00:00Z,sql,O2"),
                "silver.opportunities",
                silver(
                    Entity.OPPORTUNITIES,
                    "opportunity_id,created_at,close_date,stage,amount,currency,is_won,is_closed,sourced_by",
                    "O1,2025-03-10T10:00:00Z,2025-04-01,closed_won,100,USD,true,true,marketing",
                    "O2,2025-03-10T10:00:00Z,,discovery,200,EUR,false,false,marketing",
                    "O3,2025-03-10T10:00:00Z,2025-04-01,closed_won,300,USD,true,true,sales"),
                "silver.currency_rates",
                silver(Entity.CURRENCY_RATES, "currency,rate_date,rate", "EUR,2025-01-01,1.1")));
    out.forEach(
        (k, v) -> {
          System.out.println("== " + k);
          v.show(100, false);
        });
  }
}
