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
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.time_in_stage}: how long leads stay in each stage, keeping re-entries (HubSpot keeps
 * both): per lead and stage, the latest occurrence's days and the cumulative days over all
 * occurrences ({@link #perLeadStage}); an occurrence still open counts up to the end of the run
 * date. Aggregated per period of the lead's first entry into the stage and dimensions: leads, leads
 * with re-entries, leads still in the stage, mean and median latest and cumulative days.
 * Back-populated occurrences last 0 days.
 */
public final class TimeInStage extends DefinedMart {
  public static final String NAME = "time_in_stage";

  public TimeInStage() {
    super(
        Lakehouse.GOLD,
        NAME,
        periodGrain("period_start", "stage"),
        "Latest and cumulative days in stage (re-entries kept) by first-entry period.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return timeInStage(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadDimensionKeys.NAME),
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone(),
        lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
  }

  /**
   * One row per lead and stage: {@code lead_id, stage, stage_index, occurrences, first_entered_at,
   * latest_days, cumulative_days, is_in_stage}.
   */
  public static Dataset<Row> perLeadStage(Dataset<Row> events, Column asOf) {
    Inputs.require(
        events,
        "TimeInStage",
        "lead_id",
        "stage",
        "stage_index",
        "occurrence",
        "entered_at",
        "exited_at");
    Column daysIn = days(col("entered_at"), coalesce(col("exited_at"), asOf));
    return events
        .withColumn("_days", daysIn)
        .groupBy("lead_id", "stage", "stage_index")
        .agg(
            count(lit(1)).as("occurrences"),
            min("entered_at").as("first_entered_at"),
            max(struct(col("occurrence"), col("_days"), col("exited_at").isNull().as("_open")))
                .as("_latest"),
            sum("_days").as("cumulative_days"))
        .select(
            col("lead_id"),
            col("stage"),
            col("stage_index"),
            col("occurrences"),
            col("first_entered_at"),
            col("_latest._days").as("latest_days"),
            col("cumulative_days"),
            col("_latest._open").as("is_in_stage"));
  }

  /**
   * @param leads {@code int_lead_funnel}
   * @param dimensions {@code int_lead_dimensions}
   * @param events {@code int_lead_stage_events}
   */
  public static Dataset<Row> timeInStage(
      Dataset<Row> leads,
      Dataset<Row> dimensions,
      Dataset<Row> events,
      FunnelSettings fs,
      ZoneId zone,
      Column asOf) {
    Inputs.require(leads, "TimeInStage(leads)", "lead_id", LeadDimensions.KEY);
    Dataset<Row> perLead =
        perLeadStage(events, asOf)
            .join(leads.select(col("lead_id"), col(LeadDimensions.KEY)), "lead_id");
    List<String> keys = keysWithDimensionKey("period_grain", "period_start");
    keys.add("stage_index");
    Dataset<Row> grouped =
        ranked(
                PeriodGrains.explode(
                    perLead, col("first_entered_at"), "period_start", fs.periodGrains(), zone),
                keys,
                "latest_days",
                "cumulative_days")
            .groupBy(columns(keys))
            .agg(
                count(lit(1)).as("total_leads"),
                count_if(col("occurrences").gt(1)).as("total_reentered"),
                count_if(col("is_in_stage")).as("total_in_stage"),
                mean2(col("latest_days")).as("mean_latest_days"),
                pct("latest_days", 0.5).as("median_latest_days"),
                mean2(col("cumulative_days")).as("mean_cumulative_days"),
                pct("cumulative_days", 0.5).as("median_cumulative_days"));
    return named(grouped, dimensions)
        .select(
            columns(
                keysWithDimensions("period_grain", "period_start"),
                StageEvents.stageName(col("stage_index"), fs.stages().leadOrder()).as("stage"),
                col("stage_index"),
                col("total_leads"),
                col("total_reentered"),
                col("total_in_stage"),
                col("mean_latest_days"),
                col("median_latest_days"),
                col("mean_cumulative_days"),
                col("median_cumulative_days")));
  }
}
