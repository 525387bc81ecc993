package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.leads.LiveLeads;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.int_lead_funnel}: one row per live lead with its dimensions ({@link
 * LeadDimensions}) and their {@code dimension_key}, and where it stands, from {@code
 * int_lead_stage_events} and {@code int_lead_exits}: entry stage and time (its cohort), furthest
 * stage, current status (the open stage, else the latest exit), first handoff and won times,
 * whether it is still in the funnel (an open stage occurrence) and whether its funnel entry is
 * younger than {@code funnel.funnel.conversion_window_days} at the end of the run date. A lead is
 * censored for an outcome it has not reached when it is both: {@link #censored}.
 */
public final class LeadFunnel extends DefinedMart {
  public static final String NAME = "int_lead_funnel";

  public LeadFunnel() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of("lead_id"),
        "Each live lead's dimensions, entry, furthest and current stage, handoff and won times.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    FunnelSettings fs = FunnelSettings.of(ctx.config());
    Dataset<Row> dims =
        LeadDimensions.of(LiveLeads.of(ctx.silver(Entity.LEADS)), ctx.silver(Entity.REPS));
    return summarise(
        dims,
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        ctx.table(Lakehouse.SILVER, LeadExits.NAME),
        fs,
        lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
  }

  /** Not reached yet, but still in the funnel and younger than the window: not a failure. */
  public static Column censored(Column reached) {
    return not(reached).and(col("is_in_funnel")).and(col("is_within_window"));
  }

  /** The lead-grain summary; {@code asOf} is the end of the run date (UTC timestamp). */
  public static Dataset<Row> summarise(
      Dataset<Row> dims, Dataset<Row> events, Dataset<Row> exits, FunnelSettings fs, Column asOf) {
    Inputs.require(
        events, "LeadFunnel(events)", "lead_id", "stage", "stage_index", "entered_at", "exited_at");
    Inputs.require(
        exits, "LeadFunnel(exits)", "lead_id", "exit_status", "exited_at", "exit_reason");
    List<String> order = fs.stages().leadOrder();
    Dataset<Row> perLead =
        events
            .groupBy("lead_id")
            .agg(
                min(struct(col("entered_at"), col("stage_index"))).as("_entry"),
                max(col("stage_index")).as("furthest_stage_index"),
                max(when(col("exited_at").isNull(), struct(col("entered_at"), col("stage_index"))))
                    .as("_open"),
                min(when(col("stage").equalTo(fs.handoffStage()), col("entered_at")))
                    .as("handoff_at"),
                min(when(col("stage").equalTo(fs.wonStage()), col("entered_at"))).as("won_at"));
    Dataset<Row> lastExit =
        exits
            .groupBy("lead_id")
            .agg(max(struct(col("exited_at"), col("exit_status"), col("exit_reason"))).as("_exit"));
    Column openStage = StageEvents.stageName(col("_open.stage_index"), order);
    Column age = unix_timestamp(asOf).minus(unix_timestamp(col("_entry.entered_at")));
    Column inFunnel = col("_open").isNotNull();
    List<Column> out = new ArrayList<>(List.of(col("lead_id"), col("lead_key"), col("created_at")));
    out.addAll(LeadDimensions.columns());
    out.add(LeadDimensions.key(fs.dimensionKeySeed()).as(LeadDimensions.KEY));
    out.addAll(
        List.of(
            StageEvents.stageName(col("_entry.stage_index"), order).as("entry_stage"),
            col("_entry.stage_index").as("entry_stage_index"),
            col("_entry.entered_at").as("entered_funnel_at"),
            StageEvents.stageName(col("furthest_stage_index"), order).as("furthest_stage"),
            col("furthest_stage_index"),
            when(inFunnel, openStage).otherwise(col("_exit.exit_status")).as("current_status"),
            openStage.as("current_stage"),
            col("_open.stage_index").as("current_stage_index"),
            col("_open.entered_at").as("current_stage_entered_at"),
            inFunnel.and(openStage.isin(fs.openStages().toArray())).as("is_open"),
            col("_exit.exit_status").as("last_exit_status"),
            col("_exit.exited_at").as("last_exited_at"),
            col("_exit.exit_reason").as("last_exit_reason"),
            col("handoff_at"),
            col("won_at"),
            inFunnel.as("is_in_funnel"),
            age.lt(fs.conversionWindowDays() * 86400L).as("is_within_window")));
    return dims.join(perLead, "lead_id")
        .join(lastExit, Joins.using("lead_id"), "left")
        .select(out.toArray(new Column[0]));
  }
}
