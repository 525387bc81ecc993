package io.funnellake.marts.goals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.Periods;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.weekly_alignment_scorecard}: one row per ISO week (Monday start, reporting zone) and
 * scope: {@code all}, plus each of {@code funnel.goals.scorecard.split_by} (team, channel) by its
 * value. Actuals as in {@link GoalActuals}; week-grain targets of the targets file beside them; the
 * week's top {@code top_reasons} disqualification reasons from {@code
 * gold.disqualification_reasons} (its week grain); sales hours demanded (MQLs x the minutes-per-
 * lead norm of {@code gold.rep_capacity} / 60) vs the capacity pool's hours of the week's month x
 * 12 / 52 (team and all scopes; none for channel). Weeks: every week with a handoff, opportunity or
 * week target.
 */
public final class WeeklyAlignmentScorecard extends DefinedMart {
  public static final String NAME = "weekly_alignment_scorecard";
  private static final List<String> KEY = List.of("week_start", "scope", "scope_value");

  public WeeklyAlignmentScorecard() {
    super(
        Lakehouse.GOLD,
        NAME,
        KEY,
        "Monday scorecard: MQLs, SLA, never touched, MQL->SQL, reasons, hours, pipeline, revenue"
            + " vs targets.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    GoalsSettings gs = GoalsSettings.of(ctx.config());
    Dataset<Row> targets =
        Targets.frame(ctx.spark(), Targets.load(gs.targetsFile(), gs.targetsKey()));
    Dataset<Row> actuals =
        GoalsVsActuals.actuals(ctx, gs, List.of(Periods.Grain.WEEK), gs.scorecardSplits());
    return scorecard(
        actuals,
        targets,
        ctx.table(Lakehouse.GOLD, "disqualification_reasons"),
        ctx.table(Lakehouse.GOLD, "rep_capacity"),
        gs);
  }

  public static Dataset<Row> scorecard(
      Dataset<Row> actuals,
      Dataset<Row> targets,
      Dataset<Row> reasons,
      Dataset<Row> capacity,
      GoalsSettings gs) {
    List<String> scopes = new ArrayList<>(List.of("all"));
    scopes.addAll(gs.scorecardSplits());
    Dataset<Row> weekly = actuals.filter(col("period_grain").equalTo("week")).drop("period_grain");
    List<Column> pivot = new ArrayList<>();
    for (String m : Targets.METRICS) {
      pivot.add(max(when(col("metric").equalTo(m), col("target_value"))).as("target_" + m));
    }
    Dataset<Row> weekTargets =
        targets
            .filter(col("period_grain").equalTo("week").and(col("scope").isin(scopes.toArray())))
            .groupBy("period_start", "scope", "scope_value")
            .agg(pivot.get(0), pivot.subList(1, pivot.size()).toArray(new Column[0]));
    Dataset<Row> rows =
        weekly
            .join(weekTargets, Joins.using("period_start", "scope", "scope_value"), "full_outer")
            .withColumnRenamed("period_start", "week_start");
    rows = GoalActuals.zeroFilled(rows);
    Dataset<Row> withReasons =
        rows.join(topReasons(reasons, gs), Joins.using(KEY), "left")
            .join(hours(capacity, gs), Joins.using(KEY), "left")
            .crossJoin(capacity.agg(max("minutes_per_lead").as("_minutes_per_lead")));
    Column judged = col("total_mqls").minus(col("total_sla_pending"));
    Column demand = round(col("total_mqls").multiply(col("_minutes_per_lead")).divide(60.0), 2);
    return withReasons.select(
        col("week_start"),
        date_add(col("week_start"), 6).as("week_end"),
        col("scope"),
        col("scope_value"),
        col("total_mqls"),
        col("target_mql_volume"),
        GoalsVsActuals.ratio(col("total_mqls"), col("target_mql_volume"))
            .as("mql_volume_attainment_rate"),
        col("total_within_sla"),
        judged.as("total_sla_judged"),
        GoalsVsActuals.ratio(col("total_within_sla"), judged).as("within_sla_rate"),
        col("target_within_sla_share"),
        col("total_never_touched"),
        GoalsVsActuals.ratio(col("total_never_touched"), col("total_mqls"))
            .as("never_touched_rate"),
        col("total_sql"),
        GoalsVsActuals.ratio(col("total_sql"), col("total_mqls")).as("mql_to_sql_rate"),
        col("target_mql_to_sql_rate"),
        col("top_disqualification_reasons"),
        demand.as("demand_hours"),
        round(col("_capacity_hours"), 2).as("capacity_hours"),
        GoalsVsActuals.ratio(demand, col("_capacity_hours")).as("demand_capacity_rate"),
        col("pipeline_created"),
        col("target_pipeline_created"),
        GoalsVsActuals.ratio(col("pipeline_created"), col("target_pipeline_created"))
            .as("pipeline_attainment_rate"),
        col("won_revenue"),
        col("target_won_revenue"),
        GoalsVsActuals.ratio(col("won_revenue"), col("target_won_revenue"))
            .as("won_revenue_attainment_rate"));
  }

  /** "reason (n); reason (n)" per week and scope, most frequent first, ties by name. */
  static Dataset<Row> topReasons(Dataset<Row> reasons, GoalsSettings gs) {
    Inputs.require(
        reasons,
        "WeeklyAlignmentScorecard(reasons)",
        "period_grain",
        "period_start",
        "disqualification_reason",
        "channel",
        "team",
        "total_disqualified");
    Dataset<Row> weekly =
        GoalActuals.scoped(
            reasons.filter(col("period_grain").equalTo("week")), gs.scorecardSplits());
    return weekly
        .groupBy(
            col("period_start").as("week_start"),
            col("scope"),
            col("scope_value"),
            col("disqualification_reason"))
        .agg(sum("total_disqualified").as("n"))
        .groupBy("week_start", "scope", "scope_value")
        .agg(
            expr("array_join(transform(slice(sort_array(collect_list(struct(-n AS k,"
                    + " disqualification_reason AS r, n AS n))), 1, "
                    + gs.topReasons()
                    + "), x -> concat(x.r, ' (', x.n, ')')), '; ')")
                .as("top_disqualification_reasons"));
  }

  /** The capacity pool's hours per week and scope (the hours of the week's month x 12 / 52). */
  static Dataset<Row> hours(Dataset<Row> capacity, GoalsSettings gs) {
    Inputs.require(
        capacity,
        "WeeklyAlignmentScorecard(capacity)",
        "month_start",
        "team",
        "is_capacity_pool",
        "capacity_hours",
        "minutes_per_lead");
    List<String> splits = gs.scorecardSplits().stream().filter(s -> s.equals("team")).toList();
    Dataset<Row> pool = GoalActuals.scoped(capacity.filter(col("is_capacity_pool")), splits);
    Dataset<Row> monthly =
        pool.groupBy("month_start", "scope", "scope_value")
            .agg(sum("capacity_hours").multiply(12.0 / 52.0).as("_capacity_hours"));
    // one row per week of each month a week starts in: weeks are keyed by their Monday
    Dataset<Row> weeks =
        monthly.withColumn(
            "week_start",
            expr(
                "explode(sequence(date_trunc('WEEK', month_start), last_day(month_start),"
                    + " INTERVAL 7 DAYS))"));
    return weeks
        .withColumn("week_start", col("week_start").cast("date"))
        .filter(trunc(col("week_start"), "MM").equalTo(col("month_start")))
        .drop("month_start");
  }
}
