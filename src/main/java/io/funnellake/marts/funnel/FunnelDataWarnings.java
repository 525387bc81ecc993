package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.config.StageSettings;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code gold.funnel_data_warnings}: input the funnel marts could not take at face value, one row
 * per finding with its reason, so nothing is dropped silently and nothing crashes the run:
 *
 * <ul>
 *   <li>{@code unknown_status}: a history status that is neither a stage nor an exit of {@code
 *       funnel.stages.lead} (the configuration changed after loading): the row is ignored;
 *   <li>{@code unknown_opportunity_stage}: the same for opportunity stage history;
 *   <li>{@code unknown_lead}: history of a lead silver.leads does not have: ignored;
 *   <li>{@code history_out_of_order}: a change whose {@code previous_status} is not the status the
 *       lead was in by time (time went backwards somewhere): the history is used in time order;
 *   <li>{@code history_before_creation}: a change before the lead's {@code created_at}: kept;
 *   <li>{@code history_after_run_date}: a change after the end of the run date: kept;
 *   <li>{@code no_status_history}: a live lead without history: it enters at its creation in the
 *       stage of its status (see int_lead_stage_events);
 *   <li>{@code activity_before_lead_created}: a sales activity before its lead existed: kept (it
 *       cannot follow a handoff, so it never counts as a follow-up touch);
 *   <li>{@code activity_unknown_lead}: an activity naming a lead silver.leads does not have:
 *       ignored by the lead marts, still counted in the rep's logged minutes.
 * </ul>
 *
 * Deleted and merged leads are excluded from the funnel by design and are not reported.
 */
public final class FunnelDataWarnings extends DefinedMart {
  public static final String NAME = "funnel_data_warnings";

  public FunnelDataWarnings() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("warning", "record_key"),
        "Funnel input that was ignored or kept with a caveat, one row per finding with reason.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return warnings(
        ctx.silver(Entity.LEADS),
        ctx.silver(Entity.LEAD_STATUS_HISTORY),
        ctx.silver(Entity.SALES_ACTIVITIES),
        ctx.silver(Entity.OPPORTUNITY_STAGE_HISTORY),
        ctx.config().stages(),
        c -> ctx.pseudonyms().leadKey(c),
        lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
  }

  private static Column iso(Column ts) {
    return date_format(ts, "yyyy-MM-dd'T'HH:mm:ss'Z'");
  }

  private static Dataset<Row> row(
      Dataset<Row> df,
      String warning,
      String entity,
      Column recordKey,
      Column leadKey,
      Column at,
      Column detail) {
    return df.select(
        lit(warning).as("warning"),
        lit(entity).as("entity"),
        recordKey.as("record_key"),
        leadKey.as("lead_key"),
        at.as("event_at"),
        detail.as("detail"));
  }

  public static Dataset<Row> warnings(
      Dataset<Row> leads,
      Dataset<Row> history,
      Dataset<Row> activities,
      Dataset<Row> opportunityHistory,
      StageSettings stages,
      Function<Column, Column> leadKeyOf,
      Column asOf) {
    Inputs.require(
        leads, "FunnelDataWarnings(leads)", "lead_id", "lead_key", "created_at", "status");
    Inputs.require(
        history,
        "FunnelDataWarnings(history)",
        "lead_id",
        "changed_at",
        "status",
        "previous_status");
    Inputs.require(
        activities, "FunnelDataWarnings(activities)", "activity_id", "lead_id", "activity_at");
    Inputs.require(
        opportunityHistory,
        "FunnelDataWarnings(opportunity history)",
        "opportunity_id",
        "changed_at",
        "stage");
    StageEvents.Spec lead = LeadStageEvents.spec(stages);
    StageEvents.Spec opp = OpportunityStageEvents.spec(stages);
    String historyEntity = Entity.LEAD_STATUS_HISTORY.table();
    Dataset<Row> live =
        LiveLeads.of(leads)
            .select(
                col("lead_id"), col("lead_key"), col("created_at"), col("status").as("_current"));
    Dataset<Row> h = history.join(live, "lead_id");
    Column historyKey = concat_ws("|", col("lead_key"), iso(col("changed_at")), col("status"));
    Column prev =
        lag(col("status"), 1)
            .over(Window.partitionBy("lead_id").orderBy(col("changed_at"), col("status")));
    Dataset<Row> unknownStatus =
        row(
            h.filter(StageEvents.isUnknown(col("status"), lead)),
            "unknown_status",
            historyEntity,
            historyKey,
            col("lead_key"),
            col("changed_at"),
            concat(
                lit("status '"),
                col("status"),
                lit("' is neither a stage nor an exit of funnel.stages.lead; row ignored")));
    Dataset<Row> unknownLead =
        row(
            history.join(leads.select("lead_id"), Joins.using("lead_id"), "left_anti"),
            "unknown_lead",
            historyEntity,
            concat_ws("|", leadKeyOf.apply(col("lead_id")), iso(col("changed_at")), col("status")),
            leadKeyOf.apply(col("lead_id")),
            col("changed_at"),
            lit("the lead is not in silver.leads; row ignored"));
    Dataset<Row> outOfOrder =
        row(
            h.withColumn("_prev", prev)
                .filter(
                    col("previous_status")
                        .isNotNull()
                        .and(col("_prev").isNotNull())
                        .and(col("previous_status").notEqual(col("_prev")))),
            "history_out_of_order",
            historyEntity,
            historyKey,
            col("lead_key"),
            col("changed_at"),
            concat(
                lit("previous_status is '"),
                col("previous_status"),
                lit("' but by time the lead was in '"),
                col("_prev"),
                lit("'; the history is used in time order")));
    Dataset<Row> beforeCreation =
        row(
            h.filter(col("changed_at").lt(col("created_at"))),
            "history_before_creation",
            historyEntity,
            historyKey,
            col("lead_key"),
            col("changed_at"),
            concat(
                lit("status '"),
                col("status"),
                lit("' entered before the lead was created at "),
                iso(col("created_at")),
                lit("; kept as recorded")));
    Dataset<Row> afterRunDate =
        row(
            h.filter(col("changed_at").geq(asOf)),
            "history_after_run_date",
            historyEntity,
            historyKey,
            col("lead_key"),
            col("changed_at"),
            lit("the change is later than the end of the run date; kept"));
    Dataset<Row> noHistory =
        row(
            live.join(history.select("lead_id"), Joins.using("lead_id"), "left_anti"),
            "no_status_history",
            Entity.LEADS.table(),
            col("lead_key"),
            col("lead_key"),
            col("created_at"),
            concat(
                lit("no status history; the lead enters at its creation with status '"),
                col("_current"),
                lit("'")));
    Dataset<Row> activityBefore =
        row(
            activities.join(live, "lead_id").filter(col("activity_at").lt(col("created_at"))),
            "activity_before_lead_created",
            Entity.SALES_ACTIVITIES.table(),
            col("activity_id"),
            col("lead_key"),
            col("activity_at"),
            concat(
                lit("activity before the lead was created at "),
                iso(col("created_at")),
                lit("; kept, never a follow-up touch")));
    Dataset<Row> activityUnknown =
        row(
            activities
                .filter(col("lead_id").isNotNull())
                .join(leads.select("lead_id"), Joins.using("lead_id"), "left_anti"),
            "activity_unknown_lead",
            Entity.SALES_ACTIVITIES.table(),
            col("activity_id"),
            leadKeyOf.apply(col("lead_id")),
            col("activity_at"),
            lit("the lead is not in silver.leads; ignored by the lead marts"));
    Dataset<Row> unknownOppStage =
        row(
            opportunityHistory.filter(StageEvents.isUnknown(col("stage"), opp)),
            "unknown_opportunity_stage",
            Entity.OPPORTUNITY_STAGE_HISTORY.table(),
            concat_ws("|", col("opportunity_id"), iso(col("changed_at")), col("stage")),
            lit(null).cast("string"),
            col("changed_at"),
            concat(
                lit("stage '"),
                col("stage"),
                lit("' is not in funnel.stages.opportunity; row ignored")));
    return unknownStatus
        .unionByName(unknownLead)
        .unionByName(outOfOrder)
        .unionByName(beforeCreation)
        .unionByName(afterRunDate)
        .unionByName(noHistory)
        .unionByName(activityBefore)
        .unionByName(activityUnknown)
        .unionByName(unknownOppStage);
  }
}
