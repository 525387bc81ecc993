package io.funnellake.marts.followup;

import static io.funnellake.marts.funnel.Aggregates.rate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.funnel.LeadDimensions;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.rep_capacity}: per rep and month (reporting zone), the follow-up the rep's handoffs
 * demand against the rep's capacity. Rows: every rep of the capacity pool ({@code
 * followup.capacity.rep_roles}) for each month it was employed (start/end dates) from the first
 * month with a handoff or activity to the run date's month, and every rep credited with a handoff
 * in a month.
 *
 * <ul>
 *   <li>leads assigned = handoffs credited to the rep ({@code int_mql_handoffs}); marketing leads =
 *       those of marketing-sourced leads; converted = those that reached the disposition stage;
 *   <li>minutes logged = the rep's {@code sales_activities.duration_minutes} in the month;
 *       rep_minutes_per_lead = minutes logged on leads / leads the rep touched;
 *   <li>minutes_per_lead (the norm): with {@code minutes_per_lead_source = logged}, logged minutes
 *       on leads / leads with logged minutes, over all history up to the run date, else (or when
 *       nothing is logged) {@code fallback_minutes_per_lead};
 *   <li>demand_hours = leads assigned x minutes_per_lead / 60; capacity = {@code
 *       reps.monthly_capacity_hours}, else {@code default_monthly_hours}; utilisation = demand /
 *       capacity; overloaded above {@code overload_threshold}.
 * </ul>
 */
public final class RepCapacity extends DefinedMart {
  public static final String NAME = "rep_capacity";
  static final String MARKETING = "marketing";

  public RepCapacity() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("month_start", "rep_id"),
        "Per rep and month: handoffs assigned, hours they demand vs capacity, utilisation.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return capacity(
        ctx.table(Lakehouse.SILVER, MqlHandoffs.NAME),
        ctx.silver(Entity.SALES_ACTIVITIES),
        ctx.table(Lakehouse.SILVER, LeadTouches.NAME),
        ctx.silver(Entity.REPS),
        FollowupSettings.of(ctx.config()),
        ctx.reportingZone(),
        ctx.runDate());
  }

  public static Dataset<Row> capacity(
      Dataset<Row> handoffs,
      Dataset<Row> activities,
      Dataset<Row> touches,
      Dataset<Row> reps,
      FollowupSettings fu,
      ZoneId zone,
      LocalDate runDate) {
    Inputs.require(
        handoffs,
        "RepCapacity(handoffs)",
        "handed_over_at",
        "rep_id",
        "sourced_by",
        "disposition_at");
    Inputs.require(
        reps,
        "RepCapacity(reps)",
        "rep_id",
        "team",
        "role",
        "monthly_capacity_hours",
        "start_date",
        "end_date");
    Inputs.require(
        activities, "RepCapacity(activities)", "rep_id", "activity_at", "duration_minutes");
    Inputs.require(
        touches, "RepCapacity(touches)", "lead_id", "rep_id", "activity_at", "duration_minutes");
    Column asOf = lit(AsOf.endOf(runDate, zone));
    Column month = Periods.periodStart(col("handed_over_at"), Periods.Grain.MONTH, zone);
    Dataset<Row> assigned =
        handoffs
            .withColumn("month_start", month)
            .groupBy("month_start", "rep_id")
            .agg(
                count(lit(1)).as("total_leads_assigned"),
                count_if(col("sourced_by").equalTo(MARKETING)).as("total_marketing_leads_assigned"),
                count_if(col("disposition_at").isNotNull()).as("total_converted"));
    Dataset<Row> logged =
        byRepMonth(activities, asOf, zone)
            .agg(coalesce(sum("duration_minutes"), lit(0L)).as("total_minutes_logged"));
    Dataset<Row> onLeads =
        byRepMonth(touches, asOf, zone)
            .agg(
                sum("duration_minutes").as("_lead_minutes"),
                countDistinct("lead_id").as("total_leads_touched"));
    Dataset<Row> rows =
        pool(reps, assigned, logged, fu, runDate)
            .unionByName(assigned.select("month_start", "rep_id"))
            .distinct();
    Column capacityHours =
        coalesce(col("monthly_capacity_hours").cast("double"), lit(fu.defaultMonthlyHours()));
    Column demand = col("total_leads_assigned").multiply(col("minutes_per_lead")).divide(60.0);
    Column marketingDemand =
        col("total_marketing_leads_assigned").multiply(col("minutes_per_lead")).divide(60.0);
    List<String> key = List.of("month_start", "rep_id");
    return rows.join(assigned, Joins.using(key), "left")
        .join(logged, Joins.using(key), "left")
        .join(onLeads, Joins.using(key), "left")
        .join(
            reps.select("rep_id", "team", "role", "monthly_capacity_hours"),
            Joins.using("rep_id"),
            "left")
        .crossJoin(norm(touches, fu, asOf))
        .select(
            col("month_start"),
            col("rep_id"),
            LeadDimensions.orUnknown(col("team")).as("team"),
            LeadDimensions.orUnknown(col("role")).as("role"),
            inPool(col("role"), fu).as("is_capacity_pool"),
            zero("total_leads_assigned"),
            zero("total_marketing_leads_assigned"),
            zero("total_converted"),
            zero("total_minutes_logged"),
            zero("total_leads_touched"),
            rate(col("_lead_minutes"), col("total_leads_touched")).as("rep_minutes_per_lead"),
            col("minutes_per_lead"),
            col("minutes_per_lead_source"),
            round(capacityHours, 2).as("capacity_hours"))
        .withColumn("demand_hours", round(demand, 2))
        .withColumn("marketing_demand_hours", round(marketingDemand, 2))
        .withColumn("utilisation_rate", rate(demand, col("capacity_hours")))
        .withColumn(
            "logged_utilisation_rate",
            rate(col("total_minutes_logged").divide(60.0), col("capacity_hours")))
        .withColumn(
            "is_overloaded",
            coalesce(demand.divide(col("capacity_hours")).gt(fu.overloadThreshold()), lit(false)))
        .withColumn("conversion_rate", rate(col("total_converted"), col("total_leads_assigned")));
  }

  /** Activities of a rep up to the as-of instant, grouped by month and rep. */
  private static RelationalGroupedDataset byRepMonth(
      Dataset<Row> activities, Column asOf, ZoneId zone) {
    return activities
        .filter(col("rep_id").isNotNull().and(col("activity_at").lt(asOf)))
        .withColumn(
            "month_start", Periods.periodStart(col("activity_at"), Periods.Grain.MONTH, zone))
        .groupBy("month_start", "rep_id");
  }

  private static Column zero(String c) {
    return coalesce(col(c), lit(0L)).as(c);
  }

  private static Column inPool(Column role, FollowupSettings fu) {
    return fu.repRoles().isEmpty()
        ? lit(true)
        : coalesce(role.isin(fu.repRoles().toArray()), lit(false));
  }

  /** Pool reps x months they were employed, from the first month with data to the run month. */
  private static Dataset<Row> pool(
      Dataset<Row> reps,
      Dataset<Row> assigned,
      Dataset<Row> logged,
      FollowupSettings fu,
      LocalDate runDate) {
    Column runMonth = lit(Date.valueOf(runDate.withDayOfMonth(1)));
    Dataset<Row> months =
        assigned
            .select("month_start")
            .unionByName(logged.select("month_start"))
            .agg(min("month_start").as("_first"))
            .filter(col("_first").isNotNull().and(col("_first").leq(runMonth)))
            .select(
                explode(sequence(col("_first"), runMonth, expr("INTERVAL 1 MONTH")))
                    .as("month_start"));
    return reps.filter(inPool(col("role"), fu))
        .crossJoin(months)
        .filter(
            col("start_date")
                .isNull()
                .or(col("start_date").leq(last_day(col("month_start"))))
                .and(col("end_date").isNull().or(col("end_date").geq(col("month_start")))))
        .select("month_start", "rep_id");
  }

  /** One row: the minutes one handed-over lead needs, and where that figure came from. */
  private static Dataset<Row> norm(Dataset<Row> touches, FollowupSettings fu, Column asOf) {
    Dataset<Row> logged =
        touches
            .filter(col("duration_minutes").isNotNull().and(col("activity_at").lt(asOf)))
            .agg(sum("duration_minutes").as("_minutes"), countDistinct("lead_id").as("_leads"));
    Column fromLogs =
        fu.minutesFromLogs()
            ? when(col("_leads").gt(0), col("_minutes").cast("double").divide(col("_leads")))
            : lit(null).cast("double");
    return logged.select(
        round(coalesce(fromLogs, lit(fu.fallbackMinutesPerLead())), 2).as("minutes_per_lead"),
        when(fromLogs.isNotNull(), lit("logged"))
            .otherwise(lit("fallback"))
            .as("minutes_per_lead_source"));
  }
}
