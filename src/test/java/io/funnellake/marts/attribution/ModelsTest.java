package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model on small hand-made paths (default weights, half-life 7 days). Milestones are computed
 * by {@link Milestones}, shares by {@link CreditShares}; expected values are worked out by hand in
 * the comments.
 */
class ModelsTest {
  @TempDir static Path tmp;
  static Map<String, Double> shares;

  /**
   * Paths (timestamps are days of January 2025, 00:00 UTC):
   *
   * <pre>
   * O1 won,  created 2nd:    A1 webinar form_fill (1st)                                 1 touch
   * O2 won,  created 9th:    B1 email form_fill (1st), B2 direct ad_click (8th)         2 touches
   * O3 open, created 4th 12h: C1 paid_search page_view (1st), C2 webinar form_fill (2nd),
   *                           C3 email email_click (3rd), C4 direct direct_visit (4th),
   *                           C5 event event_attended (11th, after creation)
   * O4 won,  created 15th 12h: D1 social ad_click (1st), D2 webinar form_fill (8th),
   *                           D3 email email_click (15th), D4 direct direct_visit (22nd)
   * O5 open, created 31st:   E1 email (1st), E2 email (2nd), E3 direct (3rd)
   * O6 open, created 31st:   F1 event (1st), F2 social (2nd): channels without values
   * </pre>
   */
  @BeforeAll
  static void computeShares() {
    Dataset<Row> raw =
        TestFrames.strings(
            "opportunity_id,touch_id,touched_at,channel,response_type,opportunity_created_at,is_won",
            "O1,A1,2025-01-01 00:00:00,webinar,form_fill,2025-01-02 00:00:00,true",
            "O2,B1,2025-01-01 00:00:00,email,form_fill,2025-01-09 00:00:00,true",
            "O2,B2,2025-01-08 00:00:00,direct,ad_click,2025-01-09 00:00:00,true",
            "O3,C1,2025-01-01 00:00:00,paid_search,page_view,2025-01-04 12:00:00,false",
            "O3,C2,2025-01-02 00:00:00,webinar,form_fill,2025-01-04 12:00:00,false",
            "O3,C3,2025-01-03 00:00:00,email,email_click,2025-01-04 12:00:00,false",
            "O3,C4,2025-01-04 00:00:00,direct,direct_visit,2025-01-04 12:00:00,false",
            "O3,C5,2025-01-11 00:00:00,event,event_attended,2025-01-04 12:00:00,false",
            "O4,D1,2025-01-01 00:00:00,social,ad_click,2025-01-15 12:00:00,true",
            "O4,D2,2025-01-08 00:00:00,webinar,form_fill,2025-01-15 12:00:00,true",
            "O4,D3,2025-01-15 00:00:00,email,email_click,2025-01-15 12:00:00,true",
            "O4,D4,2025-01-22 00:00:00,direct,direct_visit,2025-01-15 12:00:00,true",
            "O5,E1,2025-01-01 00:00:00,email,email_click,2025-01-31 00:00:00,false",
            "O5,E2,2025-01-02 00:00:00,email,email_click,2025-01-31 00:00:00,false",
            "O5,E3,2025-01-03 00:00:00,direct,direct_visit,2025-01-31 00:00:00,false",
            "O6,F1,2025-01-01 00:00:00,event,event_attended,2025-01-31 00:00:00,false",
            "O6,F2,2025-01-02 00:00:00,social,ad_click,2025-01-31 00:00:00,false");
    Dataset<Row> touches =
        raw.withColumn("touch_kind", org.apache.spark.sql.functions.lit("marketing_response"))
            .withColumn("touched_at", col("touched_at").cast("timestamp"))
            .withColumn("opportunity_created_at", col("opportunity_created_at").cast("timestamp"))
            .withColumn("is_won", col("is_won").cast("boolean"));
    AttributionSettings a = AttributionSettings.of(AttributionRun.config(tmp, "2025-01-31"));
    Dataset<Row> credit = CreditShares.of(Milestones.mark(touches, a), effects(), a);
    shares = new TreeMap<>();
    for (Row r : credit.select("model", "touch_id", "credit_share").collectAsList()) {
      shares.put(r.getString(0) + "/" + r.getString(1), r.getDouble(2));
    }
  }

  /** Channel values as gold.attribution_channel_effects would give them. */
  static Dataset<Row> effects() {
    List<Row> rows =
        List.of(
            RowFactory.create("markov", "direct", 0.5, 0.0, 0L, 0L),
            RowFactory.create("markov", "email", 0.25, 0.0, 0L, 0L),
            RowFactory.create("markov", "webinar", 1.0, 0.0, 0L, 0L),
            RowFactory.create("leave_one_out", "direct", 1.0, 0.0, 0L, 0L),
            RowFactory.create("leave_one_out", "email", 3.0, 0.0, 0L, 0L));
    return TestSpark.session().createDataFrame(rows, AttributionChannelEffects.SCHEMA);
  }

  static void assertShares(String model, Map<String, Double> expected) {
    Map<String, Double> got = new LinkedHashMap<>();
    for (String touch : expected.keySet()) {
      got.put(touch, shares.get(model + "/" + touch));
    }
    for (var e : expected.entrySet()) {
      assertEquals(e.getValue(), got.get(e.getKey()), 1e-12, model + " " + e.getKey() + " " + got);
    }
  }

  static Map<String, Double> m(Object... kv) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return out;
  }

  @Test
  void aSingleTouchGetsEverythingInEveryModel() {
    for (Model model : Model.values()) {
      assertShares(model.value(), m("A1", 1));
    }
  }

  @Test
  void singleTouchModels() {
    assertShares("first_touch", m("B1", 1, "B2", 0, "C1", 1, "C5", 0, "D1", 1, "D4", 0));
    assertShares("last_touch", m("B1", 0, "B2", 1, "C1", 0, "C5", 1, "D1", 0, "D4", 1));
    // last non-direct skips the direct touches B2 and D4
    assertShares("last_non_direct", m("B1", 1, "B2", 0, "C5", 1, "D3", 1, "D4", 0));
    // lead creation = the first form fill, wherever it is
    assertShares("lead_creation", m("B1", 1, "C1", 0, "C2", 1, "D1", 0, "D2", 1));
  }

  @Test
  void linear() {
    assertShares("linear", m("B1", 0.5, "B2", 0.5, "C1", 0.2, "C5", 0.2, "D2", 0.25));
  }

  @Test
  void uShapedGivesFortyFortyTwentyAndHalvesTwoTouchPaths() {
    // O3: first .4, last .4, three middle touches share .2
    assertShares(
        "u_shaped",
        m("B1", 0.5, "B2", 0.5, "C1", 0.4, "C2", 0.2 / 3, "C3", 0.2 / 3, "C4", 0.2 / 3, "C5", 0.4));
    assertShares("u_shaped", m("D1", 0.4, "D2", 0.1, "D3", 0.1, "D4", 0.4));
  }

  @Test
  void wShaped() {
    // O2: B1 holds FT and LC (.6), B2 holds OC (.3), no middle: normalised 2/3, 1/3
    // O3: C1 FT .3, C2 LC .3, C3 middle .1, C4 OC .3, C5 after OC gets nothing
    // O4: D1, D2, D3 hold FT, LC, OC; no middle; D4 after OC: 1/3 each
    assertShares("w_shaped", m("B1", 2.0 / 3, "B2", 1.0 / 3));
    assertShares("w_shaped", m("C1", 0.3, "C2", 0.3, "C3", 0.1, "C4", 0.3, "C5", 0));
    assertShares("w_shaped", m("D1", 1.0 / 3, "D2", 1.0 / 3, "D3", 1.0 / 3, "D4", 0));
  }

  @Test
  void fullPath() {
    // O2: B1 FT+LC .45, B2 OC+CW .45: 1/2 each
    // O3 (open, no CW): .225 x 3 + middle .1 = .775 => 9/31, 9/31, 4/31, 9/31, 0
    // O4: four milestones, no middle: 1/4 each
    assertShares("full_path", m("B1", 0.5, "B2", 0.5));
    assertShares(
        "full_path", m("C1", 9.0 / 31, "C2", 9.0 / 31, "C3", 4.0 / 31, "C4", 9.0 / 31, "C5", 0));
    assertShares("full_path", m("D1", 0.25, "D2", 0.25, "D3", 0.25, "D4", 0.25));
  }

  @Test
  void customMilestoneWeights() {
    // defaults first .2, lead_creation .2, opportunity_creation .3, closed_won .2, middle .1
    // O2: B1 .4, B2 .5 => 4/9, 5/9; O3: .2, .2, .1, .3, 0 (sum .8); O4: .2, .2, .3, .2 (sum .9)
    assertShares("custom", m("B1", 4.0 / 9, "B2", 5.0 / 9));
    assertShares("custom", m("C1", 0.25, "C2", 0.25, "C3", 0.125, "C4", 0.375, "C5", 0));
    assertShares("custom", m("D1", 2.0 / 9, "D2", 2.0 / 9, "D3", 3.0 / 9, "D4", 2.0 / 9));
  }

  @Test
  void timeDecayHalvesPerHalfLife() {
    // O2: B1 is 7 days (one half-life) before B2: 0.5 : 1 => 1/3, 2/3
    // O4: 21, 14, 7, 0 days => 1/8 : 1/4 : 1/2 : 1 (sum 15/8) => 1/15, 2/15, 4/15, 8/15
    assertShares("time_decay", m("B1", 1.0 / 3, "B2", 2.0 / 3));
    assertShares("time_decay", m("D1", 1.0 / 15, "D2", 2.0 / 15, "D3", 4.0 / 15, "D4", 8.0 / 15));
  }

  @Test
  void channelValuedModelsShareByChannelThenEquallyWithinAChannel() {
    // markov values: direct .5, email .25 (others absent = 0)
    // O2: email .25, direct .5 => 1/3, 2/3
    // O5: email 1/3 split over E1, E2; direct 2/3
    // O6: no channel has a value: equal per channel
    assertShares("markov", m("B1", 1.0 / 3, "B2", 2.0 / 3));
    assertShares("markov", m("E1", 1.0 / 6, "E2", 1.0 / 6, "E3", 2.0 / 3));
    assertShares("markov", m("F1", 0.5, "F2", 0.5));
    // O3: webinar 1 + email .25 + direct .5 (paid_search and event 0) = 1.75
    assertShares("markov", m("C1", 0, "C2", 1 / 1.75, "C3", 0.25 / 1.75, "C4", 0.5 / 1.75));
    // leave-one-out values: direct 1, email 3
    assertShares("leave_one_out", m("E1", 0.375, "E2", 0.375, "E3", 0.25));
    // shapley: 1 / (distinct channels) per channel
    assertShares("shapley", m("E1", 0.25, "E2", 0.25, "E3", 0.5));
    assertShares("shapley", m("C1", 0.2, "C5", 0.2, "D1", 0.25));
  }

  @Test
  void everyModelSharesEachPathExactlyOnceAndNeverNegatively() {
    Map<String, Double> sums = new TreeMap<>();
    for (var e : shares.entrySet()) {
      assertTrue(e.getValue() >= 0, e.getKey() + " = " + e.getValue());
      String model = e.getKey().split("/")[0];
      String opportunity = "O" + ("ABCDEF".indexOf(e.getKey().split("/")[1].charAt(0)) + 1);
      sums.merge(model + "/" + opportunity, e.getValue(), Double::sum);
    }
    assertEquals(Model.values().length * 6, sums.size());
    sums.forEach((k, v) -> assertEquals(1.0, v, 1e-12, k));
  }
}
