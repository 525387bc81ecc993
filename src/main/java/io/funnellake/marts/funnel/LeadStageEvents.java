package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.StageSettings;
import io.funnellake.contract.Entity;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code silver.int_lead_stage_events}: one row per lead, stage of {@code funnel.stages.lead.order}
 * and occurrence, derived from {@code silver.lead_status_history} by {@link StageEvents} (never
 * from the current status, except for leads without any history row, which enter at their creation
 * in the stage of their known status). Live leads only. Columns: {@code lead_id, lead_key, stage,
 * stage_index, occurrence, entered_at, is_backfilled, exited_at, entry_source, exit_status,
 * exit_reason}; timestamps UTC. Occurrence 1 of a stage is when the lead first reached it.
 */
public final class LeadStageEvents extends StageEventsMart {
  public static final String NAME = "int_lead_stage_events";

  /** What lead stage events and exits are built from (a changed row rebuilds its lead). */
  static final List<Entity> LEAD_SOURCES = List.of(Entity.LEADS, Entity.LEAD_STATUS_HISTORY);

  /** The columns readers of stage entries need. */
  static final String[] ENTRY_COLUMNS = {
    "lead_id", "stage_index", "occurrence", "entered_at", "is_backfilled"
  };

  /**
   * Over first entries (one per lead and stage), each lead's entries in stage order: the next row
   * is the next stage reached, which is stage n+1 exactly when the lead reached it.
   */
  static final WindowSpec FIRST_ENTRIES_IN_STAGE_ORDER =
      Window.partitionBy("lead_id").orderBy("stage_index");

  /** The first entry of each stage a lead reached (occurrence 1). */
  static Dataset<Row> firstEntries(Dataset<Row> events) {
    return events.filter(col("occurrence").equalTo(1));
  }

  /** How lead history and leads are read by {@link StageEvents}. */
  public static StageEvents.Spec spec(StageSettings stages) {
    return new StageEvents.Spec(
        "lead_id",
        "status",
        "disqualification_reason",
        "disqualification_reason",
        stages.leadOrder(),
        stages.leadExits());
  }

  /** The journey steps of live leads (shared with {@link LeadExits}). */
  static Dataset<Row> steps(MartContext ctx) {
    return StageEvents.steps(
        ctx.silver(Entity.LEAD_STATUS_HISTORY),
        LiveLeads.of(ctx.silver(Entity.LEADS)),
        spec(ctx.config().stages()));
  }

  public LeadStageEvents() {
    super(
        NAME,
        List.of("lead_id", "stage", "occurrence"),
        "Lead stage entries and exits from status history, back-populated, with re-entries.",
        "lead_id",
        LEAD_SOURCES,
        List.of(LeadStageEvents.class, StageEvents.class, LiveLeads.class));
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    Dataset<Row> keys = LiveLeads.of(ctx.silver(Entity.LEADS)).select("lead_id", "lead_key");
    return StageEvents.occurrences(steps(ctx), spec(ctx.config().stages()))
        .join(keys, "lead_id")
        .select(
            col("lead_id"),
            col("lead_key"),
            col("stage"),
            col("stage_index"),
            col("occurrence"),
            col("entered_at"),
            col("is_backfilled"),
            col("exited_at"),
            col("entry_source"),
            col("exit_status"),
            col("exit_reason"));
  }
}
