package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

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

  /** Exact percentile (linear interpolation, as Spark's percentile), rounded to 2 decimals. */
  public static Column pct(Column value, double p) {
    return round(percentile(value, lit(p)), 2);
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
