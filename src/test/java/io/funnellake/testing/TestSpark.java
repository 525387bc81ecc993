package io.funnellake.testing;

import com.holdenkarau.spark.testing.SparkSessionProvider$;
import io.funnellake.config.ConfigLoader;
import io.funnellake.config.FunnelConfig;
import io.funnellake.lakehouse.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession shared by every test class in the test JVM (the first Delta write in a fresh
 * JVM costs ~20 s; sharing keeps the suite fast). Settings are the production defaults plus
 * small-machine tuning. spark-testing-base's helpers use the same session.
 */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      FunnelConfig config = ConfigLoader.load(null, Map.of());
      SparkSession.Builder b =
          SparkSession.builder()
              .master("local[2]")
              .appName("funnel-lake-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.adaptive.enabled", "true");
      for (Map.Entry<String, String> e : SparkSessions.defaults(config).entrySet()) {
        if (!e.getKey().equals("spark.sql.warehouse.dir")) {
          b.config(e.getKey(), e.getValue());
        }
      }
      b.config(
          "spark.sql.warehouse.dir",
          System.getProperty("java.io.tmpdir") + "/funnel-test-warehouse");
      spark = b.getOrCreate();
      spark.sparkContext().setLogLevel("ERROR");
      SparkSessionProvider$.MODULE$._sparkSession_$eq(spark);
    }
    return spark;
  }
}
