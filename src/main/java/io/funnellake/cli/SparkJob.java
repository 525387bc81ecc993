package io.funnellake.cli;

import io.funnellake.config.FunnelConfig;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.lakehouse.SparkSessions;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/** Runs one job body with a SparkSession that is always stopped afterwards. */
final class SparkJob {
  private SparkJob() {}

  static <T> T run(FunnelConfig config, String jobName, Function<Lakehouse, T> body) {
    SparkSession spark = SparkSessions.create(config);
    try {
      spark.sparkContext().setJobGroup(jobName, jobName, false);
      return body.apply(new Lakehouse(spark, config.lakehouse()));
    } finally {
      spark.stop();
    }
  }
}
