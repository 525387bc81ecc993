package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.errors.Errors;
import io.funnellake.marts.common.Inputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Channel journeys of closed opportunities, aggregated by distinct path: the only input of the
 * data-driven models, so they scale with distinct paths rather than with leads or deals. A won deal
 * is a conversion, a lost one a non-conversion; open deals are left out (still running: counting
 * them as failures would penalise recent channels).
 */
public final class Journeys {
  /** One distinct channel path (in touch order) with its outcome counts. */
  public record Path(List<String> channels, long conversions, long nonConversions) {
    public long journeys() {
      return conversions + nonConversions;
    }
  }

  private Journeys() {}

  /**
   * Distinct paths of closed opportunities: {@code path} (array of channels in touch order), {@code
   * total_conversions}, {@code total_non_conversions}.
   */
  public static Dataset<Row> aggregate(Dataset<Row> touches) {
    Inputs.require(
        "Journeys.aggregate",
        touches,
        "opportunity_id",
        "touch_number",
        "channel",
        "is_won",
        "is_closed");
    return touches
        .filter(col("is_closed"))
        .groupBy("opportunity_id")
        .agg(
            sort_array(collect_list(struct(col("touch_number"), col("channel")))).as("_steps"),
            expr("bool_or(is_won)").as("_won"))
        .withColumn("path", expr("transform(_steps, s -> s.channel)"))
        .groupBy("path")
        .agg(
            sum(when(col("_won"), 1L).otherwise(0L)).as("total_conversions"),
            sum(when(col("_won"), 0L).otherwise(1L)).as("total_non_conversions"));
  }

  /**
   * Brings the aggregate to the driver, at most {@code maxPaths} rows (else a clear error), sorted
   * so the models see the same input in the same order whatever Spark's partitioning.
   */
  public static List<Path> collect(Dataset<Row> aggregate, int maxPaths, String limitKey) {
    List<Row> rows = aggregate.limit(maxPaths + 1).collectAsList();
    if (rows.size() > maxPaths) {
      throw Errors.tooManyPaths(maxPaths, limitKey);
    }
    List<Path> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Path(r.getList(0), r.getLong(1), r.getLong(2)));
    }
    out.sort(Comparator.comparing(p -> String.join("\u0000", p.channels())));
    return out;
  }
}
