package io.funnellake.marts.goals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.funnel.FunnelSettings;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.goals_vs_actuals}: one row per line of the targets file ({@code
 * funnel.goals.targets_file}) with the actual value ({@link GoalActuals}), attainment = actual /
 * target, and pacing as of the run date: days elapsed of the period (run date inclusive), the
 * projection to the period's end at the current rate (volumes: actual x days in period / days
 * elapsed; rates: the current rate) and its attainment. Closed periods project their actual; future
 * periods have no projection. No targets file: no rows.
 */
public final class GoalsVsActuals extends DefinedMart {
  public static final String NAME = "goals_vs_actuals";

  public GoalsVsActuals() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_grain", "period_start", "scope", "scope_value", "metric"),
        "Targets vs actuals per period, scope and metric: attainment and pacing to period end.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    GoalsSettings gs = GoalsSettings.of(ctx.config());
    Dataset<Row> targets =
        Targets.frame(ctx.spark(), Targets.load(gs.targetsFile(), gs.targetsKey()));
    return compare(
        targets,
        actuals(ctx, gs, List.of(Periods.Grain.values()), GoalsSettings.SPLITS),
        ctx.runDate());
  }

  /** Actuals of every grain and split, from the funnel, follow-up and attribution tables. */
  static Dataset<Row> actuals(
      MartContext ctx, GoalsSettings gs, List<Periods.Grain> grains, List<String> splits) {
    FunnelSettings fs = FunnelSettings.of(ctx.config());
    Dataset<Row> handoffs =
        GoalActuals.handoffFacts(
            ctx.table(Lakehouse.SILVER, "int_mql_handoffs"),
            ctx.table(Lakehouse.SILVER, "int_lead_stage_events"),
            fs.stageIndex(gs.sqlStage()),
            gs.slaMinutes(),
            lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
    Dataset<Row> opps =
        GoalActuals.opportunityFacts(
            ctx.table(Lakehouse.SILVER, "int_attribution_opportunities"),
            ctx.silver(Entity.OPPORTUNITIES),
            ctx.silver(Entity.REPS));
    List<Periods.Grain> used = grains.stream().filter(g -> g != Periods.Grain.DAY).toList();
    return GoalActuals.aggregate(handoffs, opps, used, splits, ctx.reportingZone());
  }

  /** Targets ({@link Targets#SCHEMA}) joined to actuals ({@link GoalActuals#aggregate}). */
  public static Dataset<Row> compare(Dataset<Row> targets, Dataset<Row> actuals, LocalDate run) {
    Dataset<Row> joined = targets.join(actuals, Joins.using(GoalActuals.KEY), "left");
    joined = GoalActuals.zeroFilled(joined);
    Column runDate = lit(java.sql.Date.valueOf(run));
    Column end = periodEnd(col("period_grain"), col("period_start"));
    Column days = datediff(end, col("period_start")).plus(1);
    Column elapsed = least(greatest(datediff(runDate, col("period_start")).plus(1), lit(0)), days);
    Column actual = GoalActuals.metricValue(col("metric"));
    Column isRate = col("metric").isin(Targets.RATE_METRICS.toArray());
    Column projected =
        when(col("days_elapsed").gt(0).and(isRate), col("actual_value"))
            .when(
                col("days_elapsed").gt(0),
                col("actual_value").multiply(col("days_in_period")).divide(col("days_elapsed")));
    return joined
        .withColumn("period_end", end)
        .withColumn("days_in_period", days)
        .withColumn("days_elapsed", elapsed)
        .withColumn("actual_value", actual)
        .withColumn(
            "period_status",
            when(runDate.geq(end), lit("closed"))
                .when(runDate.lt(col("period_start")), lit("future"))
                .otherwise(lit("current")))
        .withColumn("_projected", projected)
        .select(
            col("period_grain"),
            col("period_start"),
            col("period_end"),
            col("scope"),
            col("scope_value"),
            col("metric"),
            col("target_value"),
            round(col("actual_value"), 4).as("actual_value"),
            ratio(col("actual_value"), col("target_value")).as("attainment_rate"),
            col("period_status"),
            col("days_in_period"),
            col("days_elapsed"),
            round(col("_projected"), 4).as("projected_value"),
            ratio(col("_projected"), col("target_value")).as("projected_attainment_rate"),
            col("_projected").geq(col("target_value")).as("is_on_pace"),
            col("total_mqls"),
            col("total_sql"),
            col("total_within_sla"),
            col("total_sla_pending"));
  }

  /** Last day of a period (a date), from its grain and first day. */
  public static Column periodEnd(Column grain, Column start) {
    return when(grain.equalTo("week"), org.apache.spark.sql.functions.date_add(start, 6))
        .when(
            grain.equalTo("month"),
            org.apache.spark.sql.functions.date_sub(
                org.apache.spark.sql.functions.add_months(start, 1), 1))
        .when(
            grain.equalTo("quarter"),
            org.apache.spark.sql.functions.date_sub(
                org.apache.spark.sql.functions.add_months(start, 3), 1));
  }

  static Column ratio(Column a, Column b) {
    return when(b.gt(0), round(a.divide(b), 4));
  }
}
