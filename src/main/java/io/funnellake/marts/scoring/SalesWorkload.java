package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.funnellake.marts.common.InputColumns;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a variant's MQLs would demand of sales (metrics.md, "Capacity"): minutes per MQL from the
 * logged activity durations, and the reps' monthly capacity. Each is one aggregate row.
 */
public final class SalesWorkload {
  /** Average days in a month, to turn a range into months. */
  public static final double DAYS_PER_MONTH = 365.25 / 12;

  private SalesWorkload() {}

  /**
   * Average total logged minutes per lead that reached the MQL stage by the horizon and has at
   * least one activity with a duration at or before it; {@code dflt} when no such lead exists.
   *
   * @param mqlStage the stage handed to sales (the second stage of the funnel order)
   */
  public static double minutesPerMql(
      Dataset<Row> activities,
      Dataset<Row> stageEvents,
      String mqlStage,
      Timestamp horizon,
      double dflt) {
    InputColumns.require(
        "SalesWorkload.minutesPerMql", activities, "lead_id", "activity_at", "duration_minutes");
    Dataset<Row> mqls =
        BacktestCohort.firstEntry(stageEvents, mqlStage, "_mql_at")
            .filter(col("_mql_at").leq(lit(horizon)));
    Row r =
        activities
            .filter(
                col("lead_id")
                    .isNotNull()
                    .and(col("duration_minutes").isNotNull())
                    .and(col("activity_at").leq(lit(horizon))))
            .groupBy("lead_id")
            .agg(sum("duration_minutes").as("_minutes"))
            .join(mqls, "lead_id")
            .agg(count(lit(1)), avg("_minutes"))
            .head();
    return r.getLong(0) == 0 ? dflt : r.getDouble(1);
  }

  /**
   * Monthly hours of the active reps (is_active not false) whose role is empty or one of {@code
   * roles}, with {@code dfltHours} for an empty {@code monthly_capacity_hours}; null without reps.
   */
  public static Double capacityHoursPerMonth(
      Dataset<Row> reps, List<String> roles, double dfltHours) {
    InputColumns.require(
        "SalesWorkload.capacityHoursPerMonth", reps, "role", "is_active", "monthly_capacity_hours");
    Row r =
        reps.filter(
                coalesce(col("is_active"), lit(true))
                    .and(col("role").isNull().or(col("role").isin(roles.toArray()))))
            .agg(
                count(lit(1)),
                sum(coalesce(col("monthly_capacity_hours").cast("double"), lit(dfltHours))))
            .head();
    return r.getLong(0) == 0 ? null : r.getDouble(1);
  }
}
