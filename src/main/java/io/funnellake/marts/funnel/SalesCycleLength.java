package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.days;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensions;
import static io.funnellake.marts.funnel.Aggregates.mean2;
import static io.funnellake.marts.funnel.Aggregates.pct;
import static io.funnellake.marts.funnel.Aggregates.withDimensions;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.sales_cycle_length}: won date - first stage date of won leads (and won date - first
 * handoff date for leads that were handed over), per period of the won date and dimensions, so the
 * {@code sourced_by} dimension splits marketing- from sales-sourced deals. Count, mean, median,
 * p90.
 */
public final class SalesCycleLength extends DefinedMart {
  public static final String NAME = "sales_cycle_length";

  public SalesCycleLength() {
    super(
        Lakehouse.GOLD,
        NAME,
        keysWithDimensions("period_grain", "period_start"),
        "Days from first stage (and from handoff) to won, by won period and dimensions.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return cycles(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  public static Dataset<Row> cycles(Dataset<Row> leads, FunnelSettings fs, ZoneId zone) {
    Inputs.require(
        leads, "SalesCycleLength", withDimensions("entered_funnel_at", "handoff_at", "won_at"));
    Dataset<Row> won =
        leads
            .filter(col("won_at").isNotNull())
            .withColumn("_days", days(col("entered_funnel_at"), col("won_at")))
            .withColumn("_from_handoff", days(col("handoff_at"), col("won_at")));
    return PeriodGrains.explode(won, col("won_at"), "period_start", fs.periodGrains(), zone)
        .groupBy(columns(keysWithDimensions("period_grain", "period_start")))
        .agg(
            count(lit(1)).as("total_won"),
            mean2(col("_days")).as("mean_days"),
            pct(col("_days"), 0.5).as("median_days"),
            pct(col("_days"), 0.9).as("p90_days"),
            count(col("_from_handoff")).as("total_won_after_handoff"),
            mean2(col("_from_handoff")).as("mean_days_from_handoff"),
            pct(col("_from_handoff"), 0.5).as("median_days_from_handoff"));
  }
}
