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
    return Map.ofEntries(
        Map.entry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension"),
        Map.entry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"),
        // all stored timestamps are UTC; reporting zones are applied explicitly in the marts
        Map.entry("spark.sql.session.timeZone", "UTC"),
        // unparseable dates become null (and are quarantined) instead of failing the job
        Map.entry("spark.sql.legacy.timeParserPolicy", "CORRECTED"),
        Map.entry("spark.sql.ansi.enabled", "false"),
        Map.entry("spark.sql.warehouse.dir", config.lakehouse() + "/_warehouse"),
        Map.entry("spark.databricks.delta.schema.autoMerge.enabled", "false"),
        // ingest caches each read once for accounting, bronze and silver: compressing the cache
        // (dictionary statistics per string column) cost more than the rest of the read
        Map.entry("spark.sql.inMemoryColumnarStorage.compressed", "false"),
        // the partial top-1 per key of Spark 3.5 (latest version per key) ran slower than
        // shuffling every version
        Map.entry("spark.sql.optimizer.windowGroupLimitThreshold", "-1"),
        // new tables keep data-skipping statistics on their first 4 columns only: written as a
        // handful of files, they rarely skip one on a later column, and every value of every
        // string column was compared at write time
        Map.entry("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "4"));
  }
}
