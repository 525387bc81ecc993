package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.StageSettings;
import io.funnellake.contract.Entity;
import io.funnellake.marts.MartContext;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.int_opportunity_stage_events}: the opportunity equivalent of {@link
 * LeadStageEvents}, from {@code silver.opportunity_stage_history} with {@code
 * funnel.stages.opportunity.order} and the lost stage as the exit ({@code exit_reason} is the
 * opportunity's lost reason). Opportunities not deleted. Columns: {@code opportunity_id, stage,
 * stage_index, occurrence, entered_at, is_backfilled, exited_at, entry_source, exit_status,
 * exit_reason}.
 */
public final class OpportunityStageEvents extends StageEventsMart {
  public static final String NAME = "int_opportunity_stage_events";

  public static StageEvents.Spec spec(StageSettings stages) {
    List<String> exits =
        stages.opportunityOrder().contains(stages.opportunityLost())
            ? List.of()
            : List.of(stages.opportunityLost());
    return new StageEvents.Spec(
        "opportunity_id", "stage", null, "lost_reason", stages.opportunityOrder(), exits);
  }

  public OpportunityStageEvents() {
    super(
        NAME,
        List.of("opportunity_id", "stage", "occurrence"),
        "Opportunity stage entries from stage history, back-populated, with re-entries.",
        "opportunity_id",
        List.of(Entity.OPPORTUNITIES, Entity.OPPORTUNITY_STAGE_HISTORY),
        List.of(OpportunityStageEvents.class, StageEvents.class));
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    StageEvents.Spec spec = spec(ctx.config().stages());
    Dataset<Row> opportunities =
        ctx.silver(Entity.OPPORTUNITIES).filter(col("is_deleted").equalTo(false));
    return StageEvents.occurrences(
        StageEvents.steps(ctx.silver(Entity.OPPORTUNITY_STAGE_HISTORY), opportunities, spec), spec);
  }
}
