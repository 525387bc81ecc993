package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.testing.TestFrames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PointInTimeScoringTest {
  static final Variant A =
      Variants.parse(
          "a.conf",
          """
          variant {
            id = a
            threshold = 30
            bands = [{name = hot, min = 50}, {name = warm, min = 30, max = 50}, {name = cold, max = 30}]
            fit = [
              {id = vp, points = 20, title = {regex = "(?i)\\\\bvp\\\\b"}}
              {id = soft, points = 10, industry = software}
              {id = gmail, points = -15, email_domain = gmail.com}
            ]
            behaviour = [
              {id = demo, points = 40, response_type = demo_request}
              {id = pricing, points = 5, max_count = 2, response_type = page_view,
                page = {contains = "/pricing"}}
            ]
          }
          """);

  static final Variant B =
      Variants.parse(
          "b.conf",
          """
          variant {
            id = b
            threshold = 20
            decay { half_life_days = 2 }
            bands = [{name = high, min = 20}, {name = low, max = 20}]
            behaviour = [{id = demo, points = 40, response_type = demo_request}]
          }
          """);

  /** Leads with their decision time and fit fields. */
  static Dataset<Row> leads() {
    return TestFrames.strings(
            "lead_id,lead_key,decision_at,title,industry,email_domain",
            "L1,k1,2025-11-10 00:00:00,VP Sales,Software,acme.com",
            "L2,k2,2025-11-10 00:00:00,Engineer,,gmail.com")
        .withColumn("decision_at", col("decision_at").cast("timestamp"));
  }

  static Dataset<Row> events(String... extra) {
    String[] base = {
      "E1,L1,2025-11-09 00:00:00,page_view,/pricing",
      "E2,L1,2025-11-08 00:00:00,page_view,/pricing/enterprise",
      "E3,L1,2025-11-07 00:00:00,page_view,/Pricing",
      "E4,L1,2025-11-08 00:00:00,demo_request,",
      "E9,L1,2025-11-09 00:00:00,page_view,/blog"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return TestFrames.strings("response_id,lead_id,responded_at,response_type,page", all)
        .withColumn("responded_at", col("responded_at").cast("timestamp"));
  }

  static List<String> scores(Dataset<Row> events) {
    return TestFrames.sortedRows(
        PointInTimeScoring.score(List.of(A, B), leads(), events)
            .select("variant_id", "lead_key", "score", "band", "is_mql", "top_reasons"));
  }

  @Test
  void scoresByHand() {
    // a/L1: vp 20 + soft 10 + pricing 2 x 5 (max_count keeps the 2 most recent of 3) + demo 40
    // b/L1: demo 40 x 0.5^(2 days / 2) = 20; a/L2: gmail -15; b/L2: nothing
    assertEquals(
        List.of(
            "[a,k1,80.0,hot,true,demo +40.0; vp +20.0; pricing +10.0]",
            "[a,k2,-15.0,cold,false,gmail -15.0]",
            "[b,k1,20.0,high,true,demo +20.0]",
            "[b,k2,0.0,low,false,null]"),
        scores(events()));
  }

  @Test
  void anEventAfterTheDecisionTimeNeverChangesTheScore() {
    List<String> before = scores(events());
    List<String> after =
        scores(
            events(
                "E5,L1,2025-11-10 00:00:01,demo_request,",
                "E6,L2,2025-11-12 00:00:00,demo_request,",
                "E7,L2,2025-11-10 00:00:01,page_view,/pricing",
                "E8,L1,2025-12-01 00:00:00,page_view,/pricing"));
    assertEquals(before, after);
  }

  @Test
  void anEventExactlyAtTheDecisionTimeCounts() {
    assertEquals(
        "[a,k2,25.0,cold,false,demo +40.0; gmail -15.0]",
        scores(events("E5,L2,2025-11-10 00:00:00,demo_request,")).get(1));
  }
}
