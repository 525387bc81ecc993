package io.funnellake.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.config.ConfigLoader;
import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.testing.TestFrames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DerivationsTest {
  static final FunnelConfig CONFIG = ConfigLoader.load(null, Map.of());

  @Test
  void derivedLeadFieldsFillOnlyWhatTheSourceLeftEmpty() {
    var typed =
        TestFrames.strings(
                "lead_source,channel,sourced_by,country,region,employee_count,company_size,is_deleted,email",
                "Paid Search,,,us,,10,,,Ann@Acme.COM",
                "Outbound,,,DE,,11,,true,bob",
                "partner,Events,sales,XX,Custom,5001,Huge,false,",
                "Web - Direct,,,,,-3,,,x@@y.io")
            .selectExpr(
                "lead_source",
                "channel",
                "sourced_by",
                "country",
                "region",
                "cast(employee_count as int) employee_count",
                "company_size",
                "cast(is_deleted as boolean) is_deleted",
                "email");
    var out = Derivations.apply(typed, Entity.LEADS, CONFIG.conform(), CONFIG.stages());
    assertEquals(
        List.of(
            "[paid_search,marketing,NA,1-10,false,acme.com]",
            "[outbound,sales,EMEA,11-50,true,null]",
            "[events,sales,Custom,Huge,false,null]",
            "[web_direct,marketing,null,null,false,y.io]"),
        out
            .selectExpr(
                "channel", "sourced_by", "region", "company_size", "is_deleted", "email_domain")
            .collectAsList()
            .stream()
            .map(Object::toString)
            .toList());
  }

  @Test
  void opportunityWonAndClosedComeFromTheStageWhenNotGiven() {
    var typed =
        TestFrames.strings(
                "stage,is_won,is_closed,lead_source,sourced_by",
                "closed_won,,,Partner,",
                "closed_lost,,,,",
                "proposal,,,Outbound,",
                "proposal,true,true,,marketing")
            .selectExpr(
                "stage",
                "cast(is_won as boolean) is_won",
                "cast(is_closed as boolean) is_closed",
                "lead_source",
                "sourced_by",
                "cast(null as boolean) is_deleted");
    var out = Derivations.apply(typed, Entity.OPPORTUNITIES, CONFIG.conform(), CONFIG.stages());
    assertEquals(
        List.of(
            "[true,true,partner]",
            "[false,true,marketing]",
            "[false,false,sales]",
            "[true,true,marketing]"),
        out.selectExpr("is_won", "is_closed", "sourced_by").collectAsList().stream()
            .map(Object::toString)
            .toList());
  }
}
