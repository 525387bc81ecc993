package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;

import io.funnellake.contract.Entity;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.int_lead_exits}: one row per side exit of a live lead (a status of {@code
 * funnel.stages.lead.exits} entered): {@code lead_id, lead_key, exit_status, exited_at,
 * exit_reason, from_stage, from_stage_index} (the stage the lead left; null when it was already
 * outside the funnel, e.g. recycled after being disqualified).
 */
public final class LeadExits extends StageEventsMart {
  public static final String NAME = "int_lead_exits";

  public LeadExits() {
    super(
        NAME,
        List.of("lead_id", "exited_at", "exit_status"),
        "Side exits (disqualified, lost, recycled) of leads with reason and stage left.",
        "lead_id",
        LeadStageEvents.LEAD_SOURCES,
        List.of(LeadExits.class, LeadStageEvents.class, StageEvents.class, LiveLeads.class));
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    Dataset<Row> keys = LiveLeads.of(ctx.silver(Entity.LEADS)).select("lead_id", "lead_key");
    return StageEvents.exits(
            LeadStageEvents.steps(ctx), LeadStageEvents.spec(ctx.config().stages()))
        .join(keys, "lead_id")
        .select(
            col("lead_id"),
            col("lead_key"),
            col("exit_status"),
            col("exited_at"),
            col("exit_reason"),
            col("from_stage"),
            col("from_stage_index"));
  }
}
