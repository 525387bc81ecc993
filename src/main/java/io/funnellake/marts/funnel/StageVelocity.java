package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.days;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensionKey;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensions;
import static io.funnellake.marts.funnel.Aggregates.mean2;
import static io.funnellake.marts.funnel.Aggregates.named;
import static io.funnellake.marts.funnel.Aggregates.pct;
import static io.funnellake.marts.funnel.Aggregates.periodGrain;
import static io.funnellake.marts.funnel.Aggregates.ranked;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.stage_velocity}: time in stage n = first date of stage n+1 - first date of stage n
 * (FCI velocity), per consecutive stage pair, period in which the lead reached the later stage, and
 * dimensions: count, mean, median and p90 days. A back-populated stage has a time of 0 (pairs with
 * one are also counted apart); negative times (a lead that first reached the later stage before the
 * earlier one, e.g. entered mid-funnel and moved back) are left out.
 */
public final class StageVelocity extends DimensionPartitionedMart {
  public static final String NAME = "stage_velocity";

  public StageVelocity() {
    super(
        NAME,
        periodGrain("period_start", "from_stage", "to_stage"),
        "Days between consecutive stages: count, mean, median and p90 by period.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return velocity(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadDimensionKeys.NAME),
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  /**
   * @param leads {@code int_lead_funnel}
   * @param dimensions {@code int_lead_dimensions}
   * @param events {@code int_lead_stage_events}
   */
  public static Dataset<Row> velocity(
      Dataset<Row> leads,
      Dataset<Row> dimensions,
      Dataset<Row> events,
      FunnelSettings fs,
      ZoneId zone) {
    Inputs.require(events, "StageVelocity(events)", LeadStageEvents.ENTRY_COLUMNS);
    Inputs.require(leads, "StageVelocity(leads)", "lead_id", LeadDimensions.KEY);
    // each first entry with the next one in stage order: a pair when that is the next stage (one
    // sort per lead instead of a join of the entries with themselves)
    WindowSpec byStage = LeadStageEvents.FIRST_ENTRIES_IN_STAGE_ORDER;
    Dataset<Row> pairs =
        LeadStageEvents.firstEntries(events)
            .select(
                col("lead_id"),
                col("stage_index").as("from_index"),
                col("entered_at").as("from_at"),
                col("is_backfilled").as("from_backfilled"),
                lead(col("stage_index"), 1).over(byStage).as("to_index"),
                lead(col("entered_at"), 1).over(byStage).as("to_at"),
                lead(col("is_backfilled"), 1).over(byStage).as("to_backfilled"))
            .filter(col("to_index").equalTo(col("from_index").plus(1)))
            .withColumn("days", days(col("from_at"), col("to_at")))
            .filter(col("days").geq(0))
            .join(leads.select(col("lead_id"), col(LeadDimensions.KEY)), "lead_id");
    List<String> keys = keysWithDimensionKey("period_grain", "period_start");
    keys.addAll(List.of("from_index", "to_index"));
    List<String> order = fs.stages().leadOrder();
    Dataset<Row> grouped =
        ranked(
                PeriodGrains.explode(pairs, col("to_at"), "period_start", fs.periodGrains(), zone),
                keys,
                "days")
            .groupBy(columns(keys))
            .agg(
                count(lit(1)).as("total_leads"),
                count_if(col("from_backfilled").or(col("to_backfilled"))).as("total_backfilled"),
                mean2(col("days")).as("mean_days"),
                pct("days", 0.5).as("median_days"),
                pct("days", 0.9).as("p90_days"));
    return named(grouped, dimensions)
        .select(
            columns(
                keysWithDimensions("period_grain", "period_start"),
                StageEvents.stageName(col("from_index"), order).as("from_stage"),
                StageEvents.stageName(col("to_index"), order).as("to_stage"),
                col("from_index").as("from_stage_index"),
                col("total_leads"),
                col("total_backfilled"),
                col("mean_days"),
                col("median_days"),
                col("p90_days")));
  }
}
