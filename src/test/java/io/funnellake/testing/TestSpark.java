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

  /**
   * Tests run thousands of small queries: compiling each plan and each expression to Java (and
   * JIT-ing it) costs more than it saves (a night on the sample data: marts 64 s -> 48 s). Results
   * are the same; the ITs that run the application as shipped (sample lakehouse, standalone
   * cluster, server) keep production settings.
   */
  public static final Map<String, String> INTERPRETED =
      Map.of(
          "spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");

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
              .config("spark.sql.adaptive.enabled", "true")
              // one JVM runs many test classes: bound what the status store and Delta's log cache
              // keep of finished jobs and of the thousands of short-lived test tables
              .config("spark.ui.retainedJobs", "20")
              .config("spark.ui.retainedStages", "20")
              .config("spark.ui.retainedTasks", "200")
              .config("spark.sql.ui.retainedExecutions", "5")
              .config("spark.ui.dagGraph.retainedRootRDDs", "20")
              .config("spark.databricks.delta.delta.log.cacheSize", "100");
      INTERPRETED.forEach(b::config);
      for (Map.Entry<String, String> e : SparkSessions.defaults(config).entrySet()) {
        if (!e.getKey().equals("spark.sql.warehouse.dir")) {
          b.config(e.getKey(), e.getValue());
        }
      }
      b.config(
          "spark.sql.warehouse.dir",
          System.getProperty("java.io.tmpdir")
              + "/funnel-test-warehouse-"
              // test JVMs run side by side (surefire forks): one warehouse folder each
              + ProcessHandle.current().pid());
      spark = b.getOrCreate();
      spark.sparkContext().setLogLevel("ERROR");
      SparkSessionProvider$.MODULE$._sparkSession_$eq(spark);
    }
    return spark;
  }
}
