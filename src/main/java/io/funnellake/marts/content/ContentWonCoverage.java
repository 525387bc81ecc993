package io.funnellake.marts.content;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
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
 * {@code gold.content_won_coverage}: per period grain ({@code funnel.content.period_grains}) and
 * period of the close date, won opportunities and won customers (distinct accounts; a deal without
 * an account counts as its own customer) and how many of them used any content: the deal's lead had
 * a content interaction ({@link ContentInteractions}) at or before the close. Won revenue in the
 * reporting currency (rate of the close date).
 */
public final class ContentWonCoverage extends DefinedMart {
  public static final String NAME = "content_won_coverage";

  public ContentWonCoverage() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_grain", "period_start"),
        "Share of won customers (and revenue) whose lead used any content before the close.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    Dataset<Row> interactions = ctx.table(Lakehouse.SILVER, ContentInteractions.NAME);
    return coverage(
        interactions,
        ctx.table(Lakehouse.SILVER, "int_attribution_opportunities"),
        ContentSettings.of(ctx.config()).grains());
  }

  public static Dataset<Row> coverage(
      Dataset<Row> interactions, Dataset<Row> opportunities, List<Periods.Grain> grains) {
    Inputs.require(
        opportunities,
        "ContentWonCoverage(opportunities)",
        "opportunity_id",
        "account_id",
        "lead_id",
        "is_won",
        "closed_at",
        "closed_date",
        "won_amount");
    Dataset<Row> won =
        opportunities.filter(col("is_won").and(col("closed_date").isNotNull())).alias("o");
    Dataset<Row> i = interactions.select(col("lead_id").as("_i_lead"), col("responded_at"));
    Dataset<Row> withContent =
        won.join(
                i,
                col("lead_id")
                    .equalTo(col("_i_lead"))
                    .and(col("responded_at").leq(coalesce(col("closed_at"), col("responded_at")))),
                "left_semi")
            .select(col("opportunity_id").as("_with_content"));
    Dataset<Row> flagged =
        won.join(withContent, col("opportunity_id").equalTo(col("_with_content")), "left")
            .withColumn("_used", col("_with_content").isNotNull())
            .withColumn(
                "_customer",
                coalesce(col("account_id"), concat(lit("opportunity:"), col("opportunity_id"))));
    Dataset<Row> out = null;
    for (Periods.Grain g : grains) {
      Dataset<Row> one =
          flagged
              .withColumn("period_grain", lit(g.value()))
              .withColumn("period_start", Periods.periodStartOfDate(col("closed_date"), g));
      out = out == null ? one : out.unionByName(one);
    }
    Column usedCustomer = when(col("_used"), col("_customer"));
    return out.groupBy("period_grain", "period_start")
        .agg(
            count(lit(1)).as("total_won_opportunities"),
            count_if(col("_used")).as("total_won_with_content"),
            countDistinct("_customer").as("total_won_customers"),
            countDistinct(usedCustomer).as("total_won_customers_with_content"),
            sum("won_amount").cast(Currency.AMOUNT).as("won_revenue"),
            sum(when(col("_used"), col("won_amount")))
                .cast(Currency.AMOUNT)
                .as("won_revenue_with_content"))
        .withColumn(
            "won_customer_content_share",
            round(col("total_won_customers_with_content").divide(col("total_won_customers")), 4))
        .withColumn(
            "won_revenue_content_share",
            when(
                col("won_revenue").gt(0),
                round(
                    coalesce(col("won_revenue_with_content"), lit(0))
                        .cast("double")
                        .divide(col("won_revenue").cast("double")),
                    4)));
  }
}
