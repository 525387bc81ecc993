package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.Publications;
import io.funnellake.testing.Golden;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribution fixture (data/fixtures/attribution, see its README) through the nightly pipeline,
 * once: golden outputs computed by hand, conservation for every model, and the same result from
 * shuffled inputs under 1 and 7 shuffle partitions.
 */
class AttributionPipelineTest {
  static final Path FIXTURE = TestConfigs.projectDir().resolve("data/fixtures/attribution");

  @TempDir static Path tmp;
  static FunnelConfig config;
  static Lakehouse lakehouse;
  static NightlySummary summary;

  @BeforeAll
  static void runTheNight() {
    config =
        TestConfigs.config(
            tmp.resolve("lakehouse"),
            FIXTURE.resolve("landing"),
            "2025-11-20",
            "attribution.excluded_campaign_types",
            "[internal]",
            "attribution.sales_prospecting.campaign_id",
            "CS",
            // the attribution family alone: the others have their own end-to-end fixtures
            "marts.only",
            TestConfigs.martsOnly(AttributionMarts.all()));
    lakehouse = new Lakehouse(TestSpark.session(), tmp.resolve("lakehouse").toString());
    summary = new NightlyPipeline(lakehouse, config, NightlyOptions.DEFAULT).run();
  }

  /** The published version of a gold table. */
  static Dataset<Row> gold(String name) {
    return lakehouse.read(Lakehouse.GOLD, name, new Publications(lakehouse).latest().get(name));
  }

  /**
   * Every column as text, as the golden files hold them: doubles rounded to {@code digits},
   * decimals in plain notation (Spark would print a zero with 12 decimals as 0E-12).
   */
  static Dataset<Row> text(Dataset<Row> df, int digits) {
    List<Column> cols = new ArrayList<>();
    StructType schema = new StructType();
    for (StructField f : df.schema().fields()) {
      Column c = col(f.name());
      cols.add(f.dataType() instanceof DoubleType ? round(c, digits).as(f.name()) : c);
      schema = schema.add(f.name(), "string");
    }
    List<Row> rows = new ArrayList<>();
    for (Row r : df.select(cols.toArray(new Column[0])).collectAsList()) {
      Object[] v = new Object[r.size()];
      for (int i = 0; i < v.length; i++) {
        Object o = r.get(i);
        v[i] = o == null ? null : o instanceof BigDecimal d ? d.toPlainString() : o.toString();
      }
      rows.add(RowFactory.create(v));
    }
    return TestSpark.session().createDataFrame(rows, schema);
  }

  static void assertGolden(String table, Dataset<Row> actual, int digits) {
    Golden.assertMatches(FIXTURE.resolve("expected/" + table + ".csv"), text(actual, digits));
  }

  @Test
  void theNightSucceedsAndEveryGoldTableMatchesItsHandComputedOutput() {
    assertEquals("succeeded", summary.status());
    assertGolden("attribution_channel_effects", gold(AttributionChannelEffects.NAME), 9);
    assertGolden(
        "attribution_touch_credit",
        gold(AttributionTouchCredit.NAME).filter(col("model").isin("w_shaped", "markov")),
        9);
    assertGolden(
        "attribution_by_channel",
        gold(AttributionByChannel.NAME).filter(col("model").equalTo("first_touch")),
        9);
    assertGolden("source_revenue", gold(SourceRevenue.NAME), 6);
    assertGolden("campaign_roi", gold(CampaignRoi.NAME).filter(col("model").equalTo("linear")), 6);
    assertGolden("campaign_association_coverage", gold(CampaignAssociationCoverage.NAME), 6);
    assertGolden("attribution_data_warnings", gold(AttributionDataWarnings.NAME), 6);
  }

  @Test
  void everyGoldTableIsPublishedNonEmptyAndUniqueWithoutNullsOnItsGrain() {
    int gold = 0;
    for (Mart m : AttributionMarts.all()) {
      if (!m.layer().equals(Lakehouse.GOLD)) {
        continue;
      }
      gold++;
      Dataset<Row> df = gold(m.name());
      Column[] grain = m.grain().stream().map(c -> col(c)).toArray(Column[]::new);
      long rows = df.count();
      assertTrue(rows > 0, m.name() + " is empty");
      assertEquals(rows, df.select(grain).distinct().count(), m.name() + " grain " + m.grain());
      for (String c : m.grain()) {
        assertEquals(0, df.filter(col(c).isNull()).count(), m.name() + "." + c + " has nulls");
      }
    }
    assertEquals(8, gold);
  }

  @Test
  void everyModelConservesConversionsPipelineAndRevenueWithoutNegativeCredit() {
    // attributed deals: O1, O2, O3 (no rate), O4, O6, O7; won: O1 10000, O4 4000, O6 9600 (EUR
    // 8000 at the 1.20 rate of its close date); pipeline with a rate: 10000 + 5500 + 4000 + 8800
    // + 1500
    Dataset<Row> credit = gold(AttributionTouchCredit.NAME);
    List<Row> perOpportunity =
        credit
            .groupBy("model", "opportunity_id")
            .agg(sum("credit_share").as("s"), min("credit_share").as("lo"))
            .collectAsList();
    assertEquals(Model.values().length * 6, perOpportunity.size());
    for (Row r : perOpportunity) {
      assertEquals(1.0, r.getDouble(2), 1e-12, "shares of " + r);
      assertTrue(r.getDouble(3) >= 0, "negative credit " + r);
    }
    List<Row> totals =
        credit
            .groupBy("model")
            .agg(
                sum("attributed_conversions"),
                sum("attributed_pipeline"),
                sum("attributed_won_revenue"))
            .collectAsList();
    assertEquals(Model.values().length, totals.size());
    for (Row r : totals) {
      assertEquals(3.0, r.getDouble(1), 1e-12, r.toString());
      assertEquals(29800.0, r.getDecimal(2).doubleValue(), 1e-5, r.toString());
      assertEquals(23600.0, r.getDecimal(3).doubleValue(), 1e-5, r.toString());
    }
    // the roll-ups add up to exactly what the touch table holds
    for (String table : List.of(AttributionByChannel.NAME, AttributionByCampaign.NAME)) {
      assertEquals(
          TestFrames.sortedRows(
              credit
                  .groupBy("model")
                  .agg(
                      sum(col("attributed_pipeline")).as("p"),
                      sum(col("attributed_won_revenue")).as("r"))),
          TestFrames.sortedRows(
              gold(table)
                  .groupBy("model")
                  .agg(
                      sum(col("attributed_pipeline")).cast("decimal(34,6)").as("p"),
                      sum(col("attributed_won_revenue")).cast("decimal(34,6)").as("r"))),
          table);
    }
  }

  @Test
  void shapleySharesOfWonDealsAddUpToTheExactShapleyValues() {
    Map<String, Double> fromTouches = new LinkedHashMap<>();
    for (Row r :
        gold(AttributionTouchCredit.NAME)
            .filter(col("model").equalTo("shapley"))
            .groupBy("channel")
            .agg(sum("attributed_conversions"))
            .collectAsList()) {
      fromTouches.put(r.getString(0), r.getDouble(1));
    }
    List<Row> exact =
        gold(AttributionChannelEffects.NAME)
            .filter(col("model").equalTo("shapley"))
            .select("channel", "credited_conversions")
            .collectAsList();
    assertEquals(5, exact.size());
    for (Row r : exact) {
      assertEquals(r.getDouble(1), fromTouches.get(r.getString(0)), 1e-12, r.getString(0));
    }
  }

  @Test
  void theSameResultWhateverTheRowOrderPartitioningOrShufflePartitions() {
    Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
    for (Entity e : Entity.values()) {
      if (lakehouse.exists(Lakehouse.SILVER, e.table())) {
        Dataset<Row> df = lakehouse.read(Lakehouse.SILVER, e.table());
        // reversed key order, spread over 5 partitions
        silver.put(
            Lakehouse.SILVER + "." + e.table(),
            df.orderBy(col(e.keys().get(0)).desc()).repartition(5));
      }
    }
    SparkSession spark = TestSpark.session();
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    try {
      for (String partitions : List.of("1", "7")) {
        spark.conf().set("spark.sql.shuffle.partitions", partitions);
        Map<String, Dataset<Row>> built =
            AttributionRun.build(tmp.resolve(partitions), config, silver);
        for (Mart m : AttributionMarts.all()) {
          if (m.layer().equals(Lakehouse.GOLD)) {
            assertEquals(
                TestFrames.sortedRows(gold(m.name())),
                TestFrames.sortedRows(built.get(Lakehouse.GOLD + "." + m.name())),
                m.name() + " with " + partitions + " shuffle partitions");
          }
        }
      }
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  @Test
  void warningsSayWhatIsWrongAndWhatWasDone() {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Row r : gold(AttributionDataWarnings.NAME).collectAsList()) {
      reasons.put(r.getString(2), r.getString(3));
    }
    assertEquals(
        "no USD rate for GBP on or before 2025-10-02 in silver.currency_rates: the pipeline amount"
            + " is left out of converted sums",
        reasons.get("O3"));
    assertTrue(reasons.get("R71").startsWith("campaign_id 'CX' is not in silver.campaigns"));
    assertTrue(reasons.get("O4").endsWith("credited to the sales prospecting campaign"));
    // the deal without a rate is still attributed, with a null amount rather than dropped
    assertEquals(
        List.of("[O3,1.0,null]"),
        TestFrames.sortedRows(
            gold(AttributionTouchCredit.NAME)
                .filter(col("model").equalTo("linear").and(col("opportunity_id").equalTo("O3")))
                .select("opportunity_id", "credit_share", "attributed_pipeline")));
  }
}
