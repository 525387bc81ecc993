package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
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
 * {@code gold.campaign_association_coverage}: per period, the share of responses with a known
 * campaign, and of opportunities and won revenue whose counted touches include a campaign response
 * ({@code with_campaign}), only sales touches ({@code sales_prospecting}: sales activities or the
 * sales prospecting credit of an untouched sales-sourced deal), or neither ({@code
 * without_campaign}: unattributed). Responses count in the period of the response, opportunities in
 * the period of creation, won deals in the period of close. Rates are convenience ratios of the
 * counts in the same row.
 */
public final class CampaignAssociationCoverage extends DefinedMart {
  public static final String NAME = "campaign_association_coverage";

  public CampaignAssociationCoverage() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_start"),
        "Share of responses, opportunities and won revenue associated with a campaign.");
  }

  /** Sums of money: what Spark gives for a sum of decimal(18,2). */
  private static final org.apache.spark.sql.types.DecimalType SUMS =
      org.apache.spark.sql.types.DataTypes.createDecimalType(28, 2);

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.silver(Entity.CAMPAIGN_RESPONSES),
        ctx.silver(Entity.CAMPAIGNS),
        ctx.table(Lakehouse.SILVER, AttributionOpportunities.NAME),
        ctx.table(Lakehouse.SILVER, AttributionTouches.NAME),
        ctx.config(),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(
      Dataset<Row> responses,
      Dataset<Row> campaigns,
      Dataset<Row> opportunities,
      Dataset<Row> touches,
      FunnelConfig config,
      AttributionSettings a) {
    Inputs.require("CampaignAssociationCoverage", responses, "campaign_id", "responded_at");
    Inputs.require(
        "CampaignAssociationCoverage",
        opportunities,
        "opportunity_id",
        "created_date",
        "closed_date",
        "is_won",
        "primary_campaign_id",
        "won_amount");
    Inputs.require(
        "CampaignAssociationCoverage", touches, "opportunity_id", "touch_kind", "campaign_id");
    Column noMoney = lit(0).cast(Currency.AMOUNT);
    Dataset<Row> known = campaigns.select(col("campaign_id").as("_k_campaign_id")).distinct();
    Dataset<Row> responded =
        responses
            .filter(col("responded_at").leq(AsOf.lastInstant(config)))
            .join(known, col("campaign_id").equalTo(col("_k_campaign_id")), "left")
            .select(
                Periods.periodStart(col("responded_at"), a.period(), config.reportingZone())
                    .as("period_start"),
                lit(1L).as("_responses"),
                when(col("_k_campaign_id").isNotNull(), 1L).otherwise(0L).as("_with_campaign"));
    Dataset<Row> association =
        touches
            .groupBy(col("opportunity_id").as("_t_opportunity_id"))
            .agg(
                expr("bool_or(touch_kind = '"
                        + Touchpoints.MARKETING_RESPONSE
                        + "' AND campaign_id IS NOT NULL)")
                    .as("_campaign"),
                expr("bool_or(touch_kind <> '" + Touchpoints.MARKETING_RESPONSE + "')")
                    .as("_sales"));
    Column status =
        when(coalesce(col("_campaign"), lit(false)), lit("with_campaign"))
            .when(coalesce(col("_sales"), lit(false)), lit("sales_prospecting"))
            .otherwise(lit("without_campaign"));
    Dataset<Row> opps =
        opportunities
            .join(association, col("opportunity_id").equalTo(col("_t_opportunity_id")), "left")
            .withColumn("_status", status);
    Dataset<Row> created =
        opps.select(
            Periods.periodStartOfDate(col("created_date"), a.period()).as("period_start"),
            lit(1L).as("_opportunities"),
            count("with_campaign").as("_opp_campaign"),
            count("sales_prospecting").as("_opp_sales"),
            when(col("primary_campaign_id").isNotNull(), 1L).otherwise(0L).as("_opp_primary"));
    Column revenue = coalesce(col("won_amount"), noMoney);
    Dataset<Row> won =
        opps.filter(col("is_won").and(col("closed_date").isNotNull()))
            .select(
                Periods.periodStartOfDate(col("closed_date"), a.period()).as("period_start"),
                lit(1L).as("_won"),
                revenue.as("_revenue"),
                when(col("_status").equalTo("with_campaign"), revenue)
                    .otherwise(noMoney)
                    .as("_revenue_campaign"),
                when(col("_status").equalTo("sales_prospecting"), revenue)
                    .otherwise(noMoney)
                    .as("_revenue_sales"));
    Dataset<Row> rolled =
        responded
            .unionByName(created, true)
            .unionByName(won, true)
            .groupBy("period_start")
            .agg(
                total("_responses", "total_responses"),
                total("_with_campaign", "total_responses_with_campaign"),
                total("_opportunities", "total_opportunities"),
                total("_opp_campaign", "total_opportunities_with_campaign"),
                total("_opp_sales", "total_opportunities_sales_prospecting"),
                total("_opp_primary", "total_opportunities_with_primary_campaign"),
                total("_won", "total_won_deals"),
                money("_revenue", "total_won_revenue", noMoney),
                money("_revenue_campaign", "won_revenue_with_campaign", noMoney),
                money("_revenue_sales", "won_revenue_sales_prospecting", noMoney));
    return rolled
        .withColumn(
            "total_opportunities_without_campaign",
            col("total_opportunities")
                .minus(col("total_opportunities_with_campaign"))
                .minus(col("total_opportunities_sales_prospecting")))
        .withColumn(
            "won_revenue_without_campaign",
            col("total_won_revenue")
                .minus(col("won_revenue_with_campaign"))
                .minus(col("won_revenue_sales_prospecting"))
                .cast(SUMS))
        .withColumn(
            "response_campaign_rate",
            SourceRevenue.ratio(col("total_responses_with_campaign"), col("total_responses")))
        .withColumn(
            "opportunity_campaign_rate",
            SourceRevenue.ratio(
                col("total_opportunities_with_campaign")
                    .plus(col("total_opportunities_sales_prospecting")),
                col("total_opportunities")))
        .withColumn(
            "won_revenue_campaign_rate",
            SourceRevenue.ratio(
                col("won_revenue_with_campaign").plus(col("won_revenue_sales_prospecting")),
                col("total_won_revenue")))
        .select(
            col("period_start"),
            col("total_responses"),
            col("total_responses_with_campaign"),
            col("response_campaign_rate"),
            col("total_opportunities"),
            col("total_opportunities_with_campaign"),
            col("total_opportunities_sales_prospecting"),
            col("total_opportunities_without_campaign"),
            col("total_opportunities_with_primary_campaign"),
            col("opportunity_campaign_rate"),
            col("total_won_deals"),
            col("total_won_revenue"),
            col("won_revenue_with_campaign"),
            col("won_revenue_sales_prospecting"),
            col("won_revenue_without_campaign"),
            col("won_revenue_campaign_rate"));
  }

  private static Column count(String status) {
    return when(col("_status").equalTo(status), 1L).otherwise(0L);
  }

  private static Column total(String in, String out) {
    return coalesce(sum(col(in)), lit(0L)).as(out);
  }

  private static Column money(String in, String out, Column zero) {
    return coalesce(sum(col(in)), zero).cast(SUMS).as(out);
  }
}
