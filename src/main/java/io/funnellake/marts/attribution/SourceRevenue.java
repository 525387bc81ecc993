package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.Currency;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Periods;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.source_revenue}: pipeline and revenue per period, sourced-by and source (the deal's
 * lead source, lower snake case, else its lead's channel). Created counts and pipeline fall in the
 * period of creation; closed and won counts, won revenue and cycle days in the period of close.
 * Average deal size, win rate and average cycle length are convenience ratios of the counts in the
 * same row; recompute them from the counts when rolling up. Amounts without a usable rate count as
 * 0 in the sums and are counted in {@code total_amounts_without_rate}.
 */
public final class SourceRevenue extends DefinedMart {
  public static final String NAME = "source_revenue";

  public SourceRevenue() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_start", "sourced_by", "source"),
        "Pipeline created, won revenue, deals, deal size, win rate and cycle per source.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.table(Lakehouse.SILVER, AttributionOpportunities.NAME),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(Dataset<Row> opportunities, AttributionSettings a) {
    Inputs.require(
        "SourceRevenue",
        opportunities,
        "created_date",
        "closed_date",
        "is_closed",
        "is_won",
        "sourced_by",
        "source",
        "pipeline_amount",
        "is_pipeline_amount_rate_missing",
        "won_amount",
        "is_won_amount_rate_missing",
        "cycle_days");
    Column noMoney = lit(0).cast(Currency.AMOUNT);
    Dataset<Row> created =
        opportunities.select(
            Periods.periodStartOfDate(col("created_date"), a.period()).as("period_start"),
            col("sourced_by"),
            col("source"),
            lit(1L).as("_created"),
            coalesce(col("pipeline_amount"), noMoney).as("_pipeline"),
            lit(0L).as("_closed"),
            lit(0L).as("_won"),
            noMoney.as("_revenue"),
            lit(0L).as("_cycle_days"),
            when(col("is_pipeline_amount_rate_missing"), 1L).otherwise(0L).as("_no_rate"));
    Dataset<Row> closed =
        opportunities
            .filter(col("is_closed").and(col("closed_date").isNotNull()))
            .select(
                Periods.periodStartOfDate(col("closed_date"), a.period()).as("period_start"),
                col("sourced_by"),
                col("source"),
                lit(0L).as("_created"),
                noMoney.as("_pipeline"),
                lit(1L).as("_closed"),
                when(col("is_won"), 1L).otherwise(0L).as("_won"),
                when(col("is_won"), coalesce(col("won_amount"), noMoney))
                    .otherwise(noMoney)
                    .as("_revenue"),
                when(col("is_won"), col("cycle_days").cast("long")).otherwise(0L).as("_cycle_days"),
                when(col("is_won_amount_rate_missing"), 1L).otherwise(0L).as("_no_rate"));
    return created
        .unionByName(closed)
        .groupBy("period_start", "sourced_by", "source")
        .agg(
            sum("_created").as("total_opportunities_created"),
            sum("_pipeline").as("total_pipeline_created"),
            sum("_closed").as("total_closed_deals"),
            sum("_won").as("total_won_deals"),
            sum("_revenue").as("total_won_revenue"),
            sum("_cycle_days").as("total_won_cycle_days"),
            sum("_no_rate").as("total_amounts_without_rate"))
        .withColumn(
            "average_deal_size",
            ratio(col("total_won_revenue").cast("double"), col("total_won_deals")))
        .withColumn("win_rate", ratio(col("total_won_deals"), col("total_closed_deals")))
        .withColumn(
            "average_cycle_days", ratio(col("total_won_cycle_days"), col("total_won_deals")));
  }

  /** a / b as a double, null when b is 0. */
  static Column ratio(Column a, Column b) {
    return when(b.notEqual(0), a.cast("double").divide(b.cast("double")));
  }
}
