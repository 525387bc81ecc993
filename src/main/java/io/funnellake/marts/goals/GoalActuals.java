package io.funnellake.marts.goals;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.Currency;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.funnel.LeadDimensions;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The actuals goals and the scorecard compare with targets, per period grain, period start, scope
 * ({@code all}, {@code team}, {@code channel}) and scope value. One aggregation per fact:
 *
 * <ul>
 *   <li>handoffs ({@code int_mql_handoffs}) in the period of {@code handed_over_at}: {@code
 *       total_mqls}; {@code total_sql} = handoffs after which the lead reached {@code sql_stage}
 *       (or later) before its next handoff, as of the run date; {@code total_within_sla} = first
 *       touch within {@code sla_minutes}; {@code total_sla_pending} = untouched while the SLA has
 *       not passed at the end of the run date; {@code total_never_touched} = no touch yet. Scope
 *       values: the handoff's channel and credited rep's team.
 *   <li>opportunities ({@code int_attribution_opportunities}): {@code pipeline_created} = amounts
 *       (reporting currency, rate of the created date) in the period of creation; {@code
 *       won_revenue} = won amounts in the period of the close date. Scope values: the deal's source
 *       (channel) and its owner's team.
 * </ul>
 */
public final class GoalActuals {
  public static final List<String> KEY =
      List.of("period_grain", "period_start", "scope", "scope_value");

  private GoalActuals() {}

  /** Handoffs with is_sql, is_within_sla, is_sla_pending, is_never_touched flags. */
  public static Dataset<Row> handoffFacts(
      Dataset<Row> handoffs, Dataset<Row> events, int sqlIndex, int slaMinutes, Column asOf) {
    Inputs.require(
        handoffs,
        "GoalActuals(handoffs)",
        "lead_id",
        "handoff_occurrence",
        "handed_over_at",
        "next_handoff_at",
        "channel",
        "team",
        "first_touch_at",
        "minutes_to_first_touch");
    Inputs.require(events, "GoalActuals(events)", "lead_id", "stage_index", "entered_at");
    Dataset<Row> h = handoffs.alias("h");
    Dataset<Row> e = events.filter(col("stage_index").geq(sqlIndex)).alias("e");
    Dataset<Row> reached =
        h.join(
                e,
                col("h.lead_id")
                    .equalTo(col("e.lead_id"))
                    .and(col("e.entered_at").geq(col("h.handed_over_at")))
                    .and(
                        col("h.next_handoff_at")
                            .isNull()
                            .or(col("e.entered_at").lt(col("h.next_handoff_at")))))
            .select(col("h.lead_id").as("lead_id"), col("h.handoff_occurrence").as("_occ"))
            .distinct()
            .withColumn("is_sql", lit(true));
    Column slaEnd = col("handed_over_at").plus(expr("INTERVAL " + slaMinutes + " MINUTES"));
    Column touched = col("first_touch_at").isNotNull();
    Column untouched = col("first_touch_at").isNull();
    return handoffs
        .join(
            reached.withColumnRenamed("_occ", "handoff_occurrence"),
            Joins.using("lead_id", "handoff_occurrence"),
            "left")
        .select(
            col("handed_over_at"),
            LeadDimensions.orUnknown(col("channel")).as("channel"),
            LeadDimensions.orUnknown(col("team")).as("team"),
            coalesce(col("is_sql"), lit(false)).as("is_sql"),
            touched.and(col("minutes_to_first_touch").leq(slaMinutes)).as("is_within_sla"),
            untouched.and(asOf.lt(slaEnd)).as("is_sla_pending"),
            untouched.as("is_never_touched"));
  }

  /** Opportunities with channel (source), team (owner's team), pipeline and won amounts. */
  public static Dataset<Row> opportunityFacts(
      Dataset<Row> opportunities, Dataset<Row> owners, Dataset<Row> reps) {
    Inputs.require(
        opportunities,
        "GoalActuals(opportunities)",
        "opportunity_id",
        "created_at",
        "closed_date",
        "is_won",
        "source",
        "pipeline_amount",
        "won_amount");
    Inputs.require(owners, "GoalActuals(owners)", "opportunity_id", "owner_id");
    Inputs.require(reps, "GoalActuals(reps)", "rep_id", "team");
    Dataset<Row> teams = reps.select(col("rep_id").as("owner_id"), col("team").as("_team"));
    return opportunities
        .join(owners.select("opportunity_id", "owner_id"), "opportunity_id", "left")
        .join(teams, "owner_id", "left")
        .select(
            col("created_at"),
            col("closed_date"),
            col("is_won"),
            LeadDimensions.orUnknown(col("source")).as("channel"),
            LeadDimensions.orUnknown(col("_team")).as("team"),
            col("pipeline_amount"),
            col("won_amount"));
  }

  /**
   * Actuals per {@link #KEY}: total_mqls, total_sql, total_within_sla, total_sla_pending,
   * total_never_touched, pipeline_created, won_revenue (zero where a fact has no rows).
   */
  public static Dataset<Row> aggregate(
      Dataset<Row> handoffFacts,
      Dataset<Row> oppFacts,
      List<Periods.Grain> grains,
      List<String> splits,
      ZoneId zone) {
    Dataset<Row> h =
        PeriodGrains.explode(
                scoped(handoffFacts, splits), col("handed_over_at"), "period_start", grains, zone)
            .groupBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new))
            .agg(
                count(lit(1)).as("total_mqls"),
                count_if(col("is_sql")).as("total_sql"),
                count_if(col("is_within_sla")).as("total_within_sla"),
                count_if(col("is_sla_pending")).as("total_sla_pending"),
                count_if(col("is_never_touched")).as("total_never_touched"));
    Dataset<Row> scopedOpps = scoped(oppFacts, splits);
    Dataset<Row> created =
        PeriodGrains.explode(scopedOpps, col("created_at"), "period_start", grains, zone)
            .groupBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new))
            .agg(sum("pipeline_amount").cast(Currency.AMOUNT).as("pipeline_created"));
    Dataset<Row> won = null;
    Dataset<Row> wonDeals = scopedOpps.filter(col("is_won").and(col("closed_date").isNotNull()));
    for (Periods.Grain g : grains) {
      Dataset<Row> one =
          wonDeals
              .withColumn("period_grain", lit(g.value()))
              .withColumn("period_start", Periods.periodStartOfDate(col("closed_date"), g));
      won = won == null ? one : won.unionByName(one);
    }
    Dataset<Row> wonAgg =
        won.groupBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new))
            .agg(sum("won_amount").cast(Currency.AMOUNT).as("won_revenue"));
    Dataset<Row> all =
        h.join(created, Joins.using(KEY), "full_outer")
            .join(wonAgg, Joins.using(KEY), "full_outer");
    return zeroFilled(all);
  }

  /** A period without handoffs or deals has zero actuals, not missing ones. */
  static Dataset<Row> zeroFilled(Dataset<Row> df) {
    for (String c :
        List.of(
            "total_mqls",
            "total_sql",
            "total_within_sla",
            "total_sla_pending",
            "total_never_touched")) {
      df = df.withColumn(c, coalesce(col(c), lit(0L)));
    }
    for (String c : List.of("pipeline_created", "won_revenue")) {
      df = df.withColumn(c, coalesce(col(c), lit(0).cast(Currency.AMOUNT)));
    }
    return df;
  }

  /** One copy of each row per scope: all, then each split by its column. */
  static Dataset<Row> scoped(Dataset<Row> facts, List<String> splits) {
    Dataset<Row> out = facts.withColumn("scope", lit("all")).withColumn("scope_value", lit("all"));
    for (String s : splits) {
      out = out.unionByName(facts.withColumn("scope", lit(s)).withColumn("scope_value", col(s)));
    }
    return out;
  }

  /** The value of a target metric from the actual counts. */
  public static Column metricValue(Column metric) {
    Column judged = col("total_mqls").minus(col("total_sla_pending"));
    return when(metric.equalTo("mql_volume"), col("total_mqls").cast("double"))
        .when(
            metric.equalTo("mql_to_sql_rate"),
            when(col("total_mqls").gt(0), col("total_sql").divide(col("total_mqls"))))
        .when(
            metric.equalTo("within_sla_share"),
            when(judged.gt(0), col("total_within_sla").divide(judged)))
        .when(metric.equalTo("pipeline_created"), col("pipeline_created").cast("double"))
        .when(metric.equalTo("won_revenue"), col("won_revenue").cast("double"));
  }
}
