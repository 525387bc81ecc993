package io.funnellake.marts.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.contract.Entity;
import io.funnellake.errors.FunnelException;
import io.funnellake.marts.Mart;
import io.funnellake.marts.funnel.FunnelMarts;
import io.funnellake.quality.FieldRule;
import io.funnellake.quality.GrainCheck;
import io.funnellake.testing.TestConfigs;
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
 * Completeness with the default rules (industry and company_size required at MQL, company_size from
 * the size bands; country for every lead); month grain; run date 2025-11-30.
 *
 * <ul>
 *   <li>L1 (crm, webinar, C1): complete; MQL Oct 6 09:00; last modified Oct 6 08:00 (before).
 *   <li>L2 (crm, webinar, C1): industry and size filled, no country; MQL Nov 3 09:00 but modified
 *       Nov 5: its industry may have been filled after the handoff, so it is unverified.
 *   <li>L3 (crm, ppc, C2): no industry, size "huge" (not allowed), country FR; MQL Nov 4 09:00,
 *       rejected Nov 6 for missing_data (which modified it).
 *   <li>L4 (web): never an MQL, country US.
 * </ul>
 */
class CompletenessMartsTest {
  @TempDir static Path tmp;
  static Map<String, Dataset<Row>> t;

  @BeforeAll
  static void build() {
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,_source,created_at,updated_at,status,industry,company_size,"
                + "country,channel,original_campaign_id,owner_id",
            "L1,k1,crm,2025-10-05T09:00:00Z,2025-10-06T08:00:00Z,mql,saas,51-200,DE,webinar,C1,R1",
            "L2,k2,crm,2025-11-02T09:00:00Z,2025-11-05T09:00:00Z,mql,fintech,51-200,,webinar,C1,R1",
            "L3,k3,crm,2025-11-03T09:00:00Z,2025-11-06T09:00:00Z,disqualified,,huge,FR,ppc,C2,R1",
            "L4,k4,web,2025-11-10T09:00:00Z,2025-11-10T09:00:00Z,lead,,,US,ppc,C2,R1");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status,disqualification_reason",
            "L1,2025-10-05T09:00:00Z,lead,",
            "L1,2025-10-06T09:00:00Z,mql,",
            "L2,2025-11-02T09:00:00Z,lead,",
            "L2,2025-11-03T09:00:00Z,mql,",
            "L3,2025-11-03T09:00:00Z,lead,",
            "L3,2025-11-04T09:00:00Z,mql,",
            "L3,2025-11-06T09:00:00Z,disqualified,Missing_Data",
            "L4,2025-11-10T09:00:00Z,lead,");
    Dataset<Row> reps = TestFrames.silver(Entity.REPS, "rep_id,team,role", "R1,east,sdr");
    List<Mart> marts = new ArrayList<>(FunnelMarts.all());
    marts.addAll(CompletenessMarts.all());
    t =
        TestMarts.build(
            tmp,
            "2025-11-30",
            Map.of(
                "silver.leads", leads,
                "silver.lead_status_history", history,
                "silver.reps", reps),
            marts);
  }

  @Test
  void completenessConformanceAndTrendPerSourceEntityFieldAndMonth() {
    assertEquals(
        List.of(
            "2025-10-01|crm|company_size|mql|1|1|1|1.0|1.0|-|-",
            "2025-10-01|crm|country|-|1|1|1|1.0|1.0|-|-",
            "2025-10-01|crm|industry|mql|1|1|1|1.0|1.0|-|-",
            "2025-11-01|crm|company_size|mql|2|2|1|1.0|0.5|1.0|0.0",
            "2025-11-01|crm|country|-|2|1|1|0.5|1.0|1.0|-0.5",
            "2025-11-01|crm|industry|mql|2|1|1|0.5|1.0|1.0|-0.5",
            "2025-11-01|web|country|-|1|1|1|1.0|1.0|-|-"),
        TestRows.of(
            t.get("gold.data_completeness"),
            "period_start",
            "source",
            "field",
            "required_at",
            "total_records",
            "total_filled",
            "total_conforming",
            "completeness_rate",
            "conformance_rate",
            "previous_completeness_rate",
            "completeness_rate_change"));
  }

  @Test
  void aFieldFilledAfterTheHandoffCountsAsIncompleteAtHandoff() {
    assertEquals(
        List.of(
            "2025-10-01|webinar|C1|any_required_field|1|0|0|0|0|0",
            "2025-10-01|webinar|C1|company_size|1|0|0|0|0|0",
            "2025-10-01|webinar|C1|country|1|0|0|0|0|0",
            "2025-10-01|webinar|C1|industry|1|0|0|0|0|0",
            "2025-11-01|ppc|C2|any_required_field|1|1|1|0|1|1",
            "2025-11-01|ppc|C2|company_size|1|1|1|0|1|1",
            "2025-11-01|ppc|C2|country|1|1|0|1|1|1",
            "2025-11-01|ppc|C2|industry|1|1|1|0|1|1",
            "2025-11-01|webinar|C1|any_required_field|1|1|1|0|0|0",
            "2025-11-01|webinar|C1|company_size|1|1|0|1|0|0",
            "2025-11-01|webinar|C1|country|1|1|1|0|0|0",
            "2025-11-01|webinar|C1|industry|1|1|0|1|0|0"),
        TestRows.of(
            t.get("gold.handoff_completeness"),
            "period_start",
            "channel",
            "original_campaign_id",
            "field",
            "total_handoffs",
            "total_incomplete_at_handoff",
            "total_missing",
            "total_unverified",
            "total_rejected_missing_data",
            "total_incomplete_rejected_missing_data"));
  }

  @Test
  void grainsAreUnique() {
    for (Mart m : CompletenessMarts.all()) {
      assertEquals(
          "pass", GrainCheck.check(m.name(), m.grain(), t.get("gold." + m.name())).status());
    }
  }

  @Test
  void badRulesNameTheKey() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () ->
                FieldRule.parse(
                    TestConfigs.config(
                        tmp,
                        tmp,
                        "2025-11-30",
                        "completeness.rules",
                        "[{entity = leads, field = industri}]")));
    assertTrue(e.getMessage().contains("funnel.completeness.rules[0].field"), e.getMessage());
    e =
        assertThrows(
            FunnelException.class,
            () ->
                FieldRule.parse(
                    TestConfigs.config(
                        tmp,
                        tmp,
                        "2025-11-30",
                        "completeness.rules",
                        "[{entity = opportunities, field = amount, required_at = mql}]")));
    assertTrue(e.getMessage().contains("leads only"), e.getMessage());
    e =
        assertThrows(
            FunnelException.class,
            () ->
                FieldRule.parse(
                    TestConfigs.config(
                        tmp,
                        tmp,
                        "2025-11-30",
                        "completeness.rules",
                        "[{entity = leads, field = country}, {entity = leads, field = country}]")));
    assertTrue(e.getMessage().contains("one rule per field"), e.getMessage());
  }
}
