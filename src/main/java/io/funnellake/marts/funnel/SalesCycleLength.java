package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.days;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensionKey;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensions;
import static io.funnellake.marts.funnel.Aggregates.mean2;
import static io.funnellake.marts.funnel.Aggregates.named;
import static io.funnellake.marts.funnel.Aggregates.pct;
import static io.funnellake.marts.funnel.Aggregates.ranked;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.sales_cycle_length}: won date - first stage date of won leads (and won date - first
 * handoff date for leads that were handed over), per period of the won date and dimensions, so the
 * {@code sourced_by} dimension splits marketing- from sales-sourced deals. Count, mean, median,
 * p90.
 */
public final class SalesCycleLength extends DimensionPartitionedMart {
  public static final String NAME = "sales_cycle_length";

  public SalesCycleLength() {
    super(
        NAME,
        keysWithDimensions("period_grain", "period_start"),
        "Days from first stage (and from handoff) to won, by won period and dimensions.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return cycles(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadDimensionKeys.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  /**
   * @param leads {@code int_lead_funnel}
   * @param dimensions {@code int_lead_dimensions}
   */
  public static Dataset<Row> cycles(
      Dataset<Row> leads, Dataset<Row> dimensions, FunnelSettings fs, ZoneId zone) {
    Inputs.require(
        leads, "SalesCycleLength", LeadDimensions.KEY, "entered_funnel_at", "handoff_at", "won_at");
    Dataset<Row> won =
        leads
            .filter(col("won_at").isNotNull())
            .withColumn("_days", days(col("entered_funnel_at"), col("won_at")))
            .withColumn("_from_handoff", days(col("handoff_at"), col("won_at")));
    List<String> keys = keysWithDimensionKey("period_grain", "period_start");
    Dataset<Row> grouped =
        ranked(
                PeriodGrains.explode(won, col("won_at"), "period_start", fs.periodGrains(), zone),
                keys,
                "_days",
                "_from_handoff")
            .groupBy(columns(keys))
            .agg(
                count(lit(1)).as("total_won"),
                mean2(col("_days")).as("mean_days"),
                pct("_days", 0.5).as("median_days"),
                pct("_days", 0.9).as("p90_days"),
                count(col("_from_handoff")).as("total_won_after_handoff"),
                mean2(col("_from_handoff")).as("mean_days_from_handoff"),
                pct("_from_handoff", 0.5).as("median_days_from_handoff"));
    return named(grouped, dimensions)
        .select(
            columns(
                keysWithDimensions("period_grain", "period_start"),
                col("total_won"),
                col("mean_days"),
                col("median_days"),
                col("p90_days"),
                col("total_won_after_handoff"),
                col("mean_days_from_handoff"),
                col("median_days_from_handoff")));
  }
}
