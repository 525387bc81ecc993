package io.funnellake.marts.followup;

import static io.funnellake.marts.funnel.Aggregates.seconds;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.funnel.FunnelSettings;
import io.funnellake.marts.funnel.LeadDimensions;
import io.funnellake.marts.funnel.LeadExits;
import io.funnellake.marts.funnel.LeadFunnel;
import io.funnellake.marts.funnel.LeadStageEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code silver.int_mql_handoffs}: one row per recorded entry of a lead into {@code
 * funnel.funnel.handoff_stage} (the MQL handoff; a back-populated MQL is not a handoff, sales took
 * the lead without one), with what followed until the lead's next handoff:
 *
 * <ul>
 *   <li>touches ({@code int_lead_touches} with {@code is_touch}) at or after the handoff: first
 *       touch time and rep, minutes to it (speed to lead), count, count within {@code
 *       properly_worked.within_days};
 *   <li>{@code accepted_at}: first entry of {@code handoff.accepted_stage} or a later stage
 *       (back-populated entries count), unless a rejection came first; {@code rejected_at}: first
 *       exit by {@code handoff.rejected_statuses} before any acceptance, with its reason;
 *   <li>{@code worked_at}: the earliest of reaching {@code properly_worked.disposition_stage} (or
 *       later), leaving by {@code disqualified_statuses} with a reason, and the {@code
 *       min_touches}-th touch when within {@code within_days}; {@code is_properly_worked} when
 *       there is one; {@code is_worked_pending} when there is none yet but the touch window is
 *       still open at the end of the run date.
 * </ul>
 *
 * The handoff is credited to {@code rep_id}: the rep of the first touch (falling back to the lead's
 * current owner) or always the owner, per {@code followup.rep_from}; {@code team} is that rep's
 * team. Lead dimensions come from {@code int_lead_funnel}.
 */
public final class MqlHandoffs extends DefinedMart {
  public static final String NAME = "int_mql_handoffs";

  public MqlHandoffs() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of("lead_id", "handoff_occurrence"),
        "MQL handoffs with speed to first touch, touches, acceptance, rejection, worked flag.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return handoffs(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        ctx.table(Lakehouse.SILVER, LeadExits.NAME),
        ctx.table(Lakehouse.SILVER, LeadTouches.NAME),
        ctx.silver(Entity.REPS),
        FunnelSettings.of(ctx.config()),
        FollowupSettings.of(ctx.config()),
        lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
  }

  public static Dataset<Row> handoffs(
      Dataset<Row> leads,
      Dataset<Row> events,
      Dataset<Row> exits,
      Dataset<Row> touches,
      Dataset<Row> reps,
      FunnelSettings fs,
      FollowupSettings fu,
      Column asOf) {
    Inputs.require(
        events,
        "MqlHandoffs(events)",
        "lead_id",
        "stage",
        "stage_index",
        "occurrence",
        "entered_at",
        "is_backfilled");
    Inputs.require(
        exits, "MqlHandoffs(exits)", "lead_id", "exit_status", "exited_at", "exit_reason");
    Inputs.require(
        touches,
        "MqlHandoffs(touches)",
        "activity_id",
        "lead_id",
        "rep_id",
        "activity_at",
        "is_touch");
    Dataset<Row> base =
        events
            .filter(col("stage").equalTo(fs.handoffStage()).and(not(col("is_backfilled"))))
            .select(
                col("lead_id"),
                col("occurrence").as("handoff_occurrence"),
                col("entered_at").as("handed_over_at"))
            .withColumn(
                "next_handoff_at",
                lead(col("handed_over_at"), 1)
                    .over(Window.partitionBy("lead_id").orderBy("handed_over_at")));
    List<String> key = List.of("lead_id", "handoff_occurrence");
    Dataset<Row> withTouches = base.join(touchSummary(base, touches, fu), Joins.using(key), "left");
    Dataset<Row> withOutcomes =
        withTouches.join(outcomes(base, events, exits, fs, fu), Joins.using(key), "left");
    return finish(withOutcomes, leads, reps, fu, asOf);
  }

  /** Rows of {@code other} (keyed by lead_id, timed by {@code at}) inside each handoff's window. */
  private static Dataset<Row> inWindow(Dataset<Row> handoffs, Dataset<Row> other, String at) {
    Dataset<Row> h = handoffs.withColumnRenamed("lead_id", "_h_lead");
    return other.join(
        h,
        other
            .col("lead_id")
            .equalTo(h.col("_h_lead"))
            .and(other.col(at).geq(h.col("handed_over_at")))
            .and(h.col("next_handoff_at").isNull().or(other.col(at).lt(h.col("next_handoff_at")))));
  }

  private static Dataset<Row> touchSummary(
      Dataset<Row> handoffs, Dataset<Row> touches, FollowupSettings fu) {
    Column windowEnd = col("handed_over_at").plus(expr("INTERVAL " + fu.withinDays() + " DAYS"));
    Dataset<Row> t =
        inWindow(handoffs, touches.filter(col("is_touch")), "activity_at")
            .withColumn(
                "_n",
                row_number()
                    .over(
                        Window.partitionBy("lead_id", "handoff_occurrence")
                            .orderBy("activity_at", "activity_id")));
    return t.groupBy("lead_id", "handoff_occurrence")
        .agg(
            min(struct(col("activity_at"), col("activity_id"), col("rep_id"))).as("_first"),
            count(lit(1)).as("total_touches"),
            count_if(col("activity_at").lt(windowEnd)).as("touches_in_window"),
            min(when(
                    col("_n").equalTo(fu.minTouches()).and(col("activity_at").lt(windowEnd)),
                    col("activity_at")))
                .as("_nth_touch_at"));
  }

  private static Dataset<Row> outcomes(
      Dataset<Row> handoffs,
      Dataset<Row> events,
      Dataset<Row> exits,
      FunnelSettings fs,
      FollowupSettings fu) {
    int accepted = fs.stageIndex(fu.acceptedStage());
    int disposition = fs.stageIndex(fu.dispositionStage());
    Dataset<Row> stages =
        inWindow(handoffs, events, "entered_at")
            .groupBy("lead_id", "handoff_occurrence")
            .agg(
                min(when(col("stage_index").geq(accepted), col("entered_at"))).as("_accepted_at"),
                min(when(col("stage_index").geq(disposition), col("entered_at")))
                    .as("_disposition_at"));
    Column hasReason = coalesce(length(trim(col("exit_reason"))).gt(0), lit(false));
    Column rejected = col("exit_status").isin(fu.rejectedStatuses().toArray());
    Dataset<Row> left =
        inWindow(handoffs, exits, "exited_at")
            .groupBy("lead_id", "handoff_occurrence")
            .agg(
                min(when(rejected, struct(col("exited_at"), col("exit_reason")))).as("_rejected"),
                min(when(
                        col("exit_status").isin(fu.disqualifiedStatuses().toArray()).and(hasReason),
                        col("exited_at")))
                    .as("_dq_at"));
    List<String> key = List.of("lead_id", "handoff_occurrence");
    return handoffs
        .select("lead_id", "handoff_occurrence")
        .join(stages, Joins.using(key), "left")
        .join(left, Joins.using(key), "left");
  }

  private static Dataset<Row> finish(
      Dataset<Row> h, Dataset<Row> leads, Dataset<Row> reps, FollowupSettings fu, Column asOf) {
    Inputs.require(leads, "MqlHandoffs(leads)", "lead_id", "lead_key", "owner_id");
    Column rejectedAt = col("_rejected.exited_at");
    Column acceptedFirst =
        col("_accepted_at")
            .isNotNull()
            .and(rejectedAt.isNull().or(col("_accepted_at").leq(rejectedAt)));
    Column rejectedFirst = rejectedAt.isNotNull().and(not(coalesce(acceptedFirst, lit(false))));
    Column workedAt = least(col("_disposition_at"), col("_dq_at"), col("_nth_touch_at"));
    Column windowEnd = col("handed_over_at").plus(expr("INTERVAL " + fu.withinDays() + " DAYS"));
    Column rep =
        fu.repFromFirstTouch() ? coalesce(col("_first.rep_id"), col("owner_id")) : col("owner_id");
    Dataset<Row> teams = reps.select(col("rep_id").as("_team_rep"), col("team").as("_rep_team"));
    List<Column> out = new ArrayList<>();
    out.addAll(List.of(col("lead_id"), col("lead_key"), col("handoff_occurrence")));
    out.addAll(List.of(col("handed_over_at"), col("next_handoff_at")));
    for (String d : LeadDimensions.NAMES) {
      if (!d.equals("team")) {
        out.add(col(d));
      }
    }
    out.addAll(
        List.of(
            col("_rep").as("rep_id"),
            LeadDimensions.orUnknown(col("_rep_team")).as("team"),
            col("_first.activity_at").as("first_touch_at"),
            col("_first.rep_id").as("first_touch_rep_id"),
            round(seconds(col("handed_over_at"), col("_first.activity_at")).divide(60.0), 2)
                .as("minutes_to_first_touch"),
            coalesce(col("total_touches"), lit(0L)).as("total_touches"),
            coalesce(col("touches_in_window"), lit(0L)).as("touches_in_window"),
            when(acceptedFirst, col("_accepted_at")).as("accepted_at"),
            when(rejectedFirst, rejectedAt).as("rejected_at"),
            when(rejectedFirst, col("_rejected.exit_reason")).as("rejection_reason"),
            col("_disposition_at").as("disposition_at"),
            workedAt.as("worked_at"),
            workedAt.isNotNull().as("is_properly_worked"),
            workedAt.isNull().and(asOf.lt(windowEnd)).as("is_worked_pending")));
    Dataset<Row> withLead =
        h.join(leads.drop("team"), "lead_id").withColumn("_rep", LeadDimensions.orUnknown(rep));
    return withLead
        .join(teams, withLead.col("_rep").equalTo(teams.col("_team_rep")), "left")
        .select(out.toArray(new Column[0]));
  }
}
