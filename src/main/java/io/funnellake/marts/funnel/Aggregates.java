package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.Inputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Shared pieces of the funnel and follow-up aggregations: group keys, published rounding (rates to
 * 4 decimals, durations to 2), exact percentiles, and durations between UTC timestamps.
 */
public final class Aggregates {
  private Aggregates() {}

  /** The given leading keys followed by the lead dimensions. */
  public static List<String> keysWithDimensions(String... leading) {
    List<String> keys = new ArrayList<>(List.of(leading));
    keys.addAll(LeadDimensions.NAMES);
    return keys;
  }

  /** The given leading keys followed by {@code dimension_key}: what funnel tables group by. */
  public static List<String> keysWithDimensionKey(String... leading) {
    List<String> keys = new ArrayList<>(List.of(leading));
    keys.add(LeadDimensions.KEY);
    return keys;
  }

  /**
   * Rows grouped by {@code dimension_key} with the dimension columns of that key added from {@code
   * int_lead_dimensions} ({@link LeadDimensionKeys}), one per row: grouping by the key and naming
   * it once costs far less than grouping by the nine names.
   */
  public static Dataset<Row> named(Dataset<Row> grouped, Dataset<Row> dimensions) {
    Inputs.require(dimensions, "dimension names", withDimensions(LeadDimensions.KEY));
    return grouped.join(dimensions, LeadDimensions.KEY);
  }

  /** {@link #keysWithDimensions} as an array, for {@code Inputs.require}. */
  public static String[] withDimensions(String... leading) {
    return keysWithDimensions(leading).toArray(String[]::new);
  }

  /** {@code period_grain}, the period column, the dimensions, then {@code trailing}. */
  public static List<String> periodGrain(String periodColumn, String... trailing) {
    List<String> keys = keysWithDimensions("period_grain", periodColumn);
    keys.addAll(List.of(trailing));
    return keys;
  }

  public static Column[] columns(List<String> names) {
    return names.stream().map(n -> col(n)).toArray(Column[]::new);
  }

  /** The named columns followed by {@code more}, for one select. */
  public static Column[] columns(List<String> names, Column... more) {
    List<Column> out = new ArrayList<>(List.of(columns(names)));
    out.addAll(List.of(more));
    return out.toArray(new Column[0]);
  }

  /** {@code numerator / denominator} rounded to 4 decimals; null when the denominator is 0. */
  public static Column rate(Column numerator, Column denominator) {
    return when(denominator.gt(0), round(numerator.cast("double").divide(denominator), 4));
  }

  /**
   * {@code df} with, for each of the double columns {@code values}, the 0-based rank of the row's
   * value among the non-null values of its group ({@code _rank_<value>}, null for a null value) and
   * their count ({@code _count_<value>}), for {@link #pct}. Group {@code df} by the same {@code
   * group} next: the ranking's partitioning serves that aggregation, so the rows are shuffled once.
   *
   * <p>Why not Spark's {@code percentile}: it keeps a hash map of values per group and, beyond 128
   * groups per task, sorts and serialises those maps, which dominated the funnel marts (millions of
   * small groups at a million leads); a sort with a window feeds plain aggregates instead.
   */
  public static Dataset<Row> ranked(Dataset<Row> df, List<String> group, String... values) {
    Column[] by = columns(group);
    Dataset<Row> out = df;
    for (String v : values) {
      WindowSpec sorted = Window.partitionBy(by).orderBy(col(v).asc_nulls_last());
      out =
          out.withColumn("_rank_" + v, when(col(v).isNotNull(), row_number().over(sorted).minus(1)))
              .withColumn("_count_" + v, count(col(v)).over(Window.partitionBy(by)));
    }
    return out;
  }

  /**
   * The exact percentile {@code p} of a column prepared by {@link #ranked}, rounded to 2 decimals:
   * Spark's {@code percentile} (position (n - 1) p between the ranks around it, interpolated
   * linearly the way Spark does, nulls ignored; null for no values), as an aggregate expression.
   */
  public static Column pct(String value, double p) {
    Column rank = col("_rank_" + value);
    Column rowPosition = col("_count_" + value).minus(1).cast("double").multiply(p);
    Column low = max(when(rank.equalTo(floor(rowPosition)), col(value)));
    Column high = max(when(rank.equalTo(ceil(rowPosition)), col(value)));
    Column position = max(col("_count_" + value)).minus(1).cast("double").multiply(p);
    Column lower = floor(position);
    Column higher = ceil(position);
    Column interpolated =
        higher.minus(position).multiply(low).plus(position.minus(lower).multiply(high));
    return round(
        when(
            max(col("_count_" + value)).gt(0),
            when(lower.equalTo(higher).or(low.equalTo(high)), low).otherwise(interpolated)),
        2);
  }

  public static Column mean2(Column value) {
    return round(org.apache.spark.sql.functions.avg(value), 2);
  }

  /** Seconds from {@code from} to {@code to}, as a double. */
  public static Column seconds(Column from, Column to) {
    return unix_timestamp(to).minus(unix_timestamp(from)).cast("double");
  }

  public static Column days(Column from, Column to) {
    return seconds(from, to).divide(86400.0);
  }
}
