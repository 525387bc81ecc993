package io.funnellake.lakehouse;

import io.funnellake.config.FunnelConfig;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every job uses: Delta enabled, UTC, and the profile's settings. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(FunnelConfig config) {
    SparkSession.Builder b = SparkSession.builder().appName(config.spark().appName());
    // spark-submit passes the master in SparkConf; only outside it does the profile decide
    if (!new SparkConf().contains("spark.master")) {
      b.master(config.spark().master());
    }
    for (Map.Entry<String, String> e : defaults(config).entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Settings the pipeline relies on; a profile's spark.conf may add to them. */
  public static Map<String, String> defaults(FunnelConfig config) {
    return Map.of(
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        // all stored timestamps are UTC; reporting zones are applied explicitly in the marts
        "spark.sql.session.timeZone", "UTC",
        // unparseable dates become null (and are quarantined) instead of failing the job
        "spark.sql.legacy.timeParserPolicy", "CORRECTED",
        "spark.sql.ansi.enabled", "false",
        "spark.sql.warehouse.dir", config.lakehouse() + "/_warehouse",
        "spark.databricks.delta.schema.autoMerge.enabled", "false");
  }
}
