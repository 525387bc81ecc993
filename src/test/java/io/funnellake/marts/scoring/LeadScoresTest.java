package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.MartContext;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestFrames;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadScoresTest {
  @TempDir Path tmp;

  Dataset<Row> build(String... extra) {
    var config = TestConfigs.config(tmp, tmp, "2025-11-30", extra);
    MartContext ctx =
        ScoringFixture.context(
            tmp,
            config,
            Map.of(
                "silver.leads",
                TestFrames.silver(
                    Entity.LEADS,
                    "lead_id,lead_key,created_at,updated_at,status,title,industry,"
                        + "company_size",
                    "L1,k1,2025-11-01T09:00:00Z,2025-11-01T09:00:00Z,lead,VP Sales,software,"
                        + "201-1000",
                    "L2,k2,2025-11-02T09:00:00Z,2025-11-02T09:00:00Z,mql,Engineer,,",
                    "L3,k3,2025-11-03T09:00:00Z,2025-11-03T09:00:00Z,sql,CEO,software,",
                    "L4,k4,2025-11-04T09:00:00Z,2025-11-04T09:00:00Z,disqualified,CEO,,",
                    "L5,k5,2025-12-01T00:00:00Z,2025-12-01T00:00:00Z,lead,CEO,,"),
                "silver.campaign_responses",
                TestFrames.silver(
                    Entity.CAMPAIGN_RESPONSES,
                    "response_id,lead_id,response_type,responded_at,page",
                    "R1,L1,demo_request,2025-11-30T23:00:00Z,",
                    "R2,L1,page_view,2025-12-01T00:00:00Z,/pricing",
                    "R3,L2,demo_request,2025-11-29T09:00:00Z,")));
    return new LeadScores().build(ctx);
  }

  @Test
  void openLeadsAreScoredAsOfTheEndOfTheRunDateByTheChampion() {
    Dataset<Row> df = build();
    assertEquals(
        List.of(
            "lead_key",
            "variant_id",
            "is_champion",
            "split_arm",
            "is_serving",
            "score",
            "band",
            "is_mql",
            "top_reasons",
            "scored_at"),
        Arrays.asList(df.columns()),
        "lead_key is the only lead identifier");
    // L1: title 20 + industry 15 + size 10 + demo 40; the pricing view at midnight is the next
    // day's. L2: demo 40. L3/L4 are not open, L5 was created after the run date.
    assertEquals(
        List.of(
            "[k1,champion,true,null,true,85.0,hot,true,"
                + "demo_request +40.0; title_senior +20.0; industry_target +15.0,"
                + "2025-11-30 23:59:59.999999]",
            "[k2,champion,true,null,true,40.0,cold,false,demo_request +40.0,"
                + "2025-11-30 23:59:59.999999]"),
        TestFrames.sortedRows(df));
  }

  @Test
  void withTheSplitOnEachLeadIsServedByItsArmsVariant() {
    Dataset<Row> df = build("scoring.split.enabled", "true", "scoring.split.salt", "s1");
    assertEquals(4, df.count(), "2 open leads x (champion, challenger_behaviour)");
    assertEquals(
        0,
        df.groupBy("lead_key")
            .agg(
                org.apache
                    .spark
                    .sql
                    .functions
                    .sum(org.apache.spark.sql.functions.col("is_serving").cast("int"))
                    .as("n"))
            .filter("n <> 1")
            .count(),
        "exactly one serving score per lead");
    assertEquals(
        0,
        df.filter(
                "is_serving AND NOT ((split_arm = 'control' AND variant_id = 'champion')"
                    + " OR (split_arm = 'treatment' AND variant_id = 'challenger_behaviour'))")
            .count(),
        "the serving score is the arm's variant");
  }
}
