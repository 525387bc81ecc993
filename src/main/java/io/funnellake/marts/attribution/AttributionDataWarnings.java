package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.attribution_data_warnings}: input records that attribution, source revenue or ROI
 * could only use in part, one row per warning and record, with the reason. Nothing is dropped
 * silently: each case below is kept (and flagged) or left out with a row here.
 *
 * <ul>
 *   <li>{@code unknown_campaign}: a response names a campaign missing from silver.campaigns (the
 *       touch still counts, with its own channel or {@code unknown}).
 *   <li>{@code response_without_person}: a response with neither lead nor contact (it cannot belong
 *       to any opportunity).
 *   <li>{@code opportunity_without_lead_or_account}: no converted lead and no account, so only
 *       contact roles (or, for sales-sourced deals, the sales prospecting credit) can attribute it.
 *   <li>{@code missing_rate_pipeline_amount}, {@code missing_rate_won_amount}, {@code
 *       missing_rate_campaign_cost}: an amount without a usable rate on or before its date; its
 *       converted amount is null and it is left out of converted sums.
 * </ul>
 */
public final class AttributionDataWarnings extends DefinedMart {
  public static final String NAME = "attribution_data_warnings";

  public AttributionDataWarnings() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("warning", "entity", "record_id"),
        "Input records attribution could use only in part, with the reason.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.silver(Entity.CAMPAIGN_RESPONSES),
        ctx.silver(Entity.CAMPAIGNS),
        ctx.silver(Entity.CURRENCY_RATES),
        ctx.table(Lakehouse.SILVER, AttributionOpportunities.NAME),
        ctx.config());
  }

  public static Dataset<Row> of(
      Dataset<Row> responses,
      Dataset<Row> campaigns,
      Dataset<Row> rates,
      Dataset<Row> opportunities,
      FunnelConfig config) {
    Inputs.require(
        "AttributionDataWarnings",
        responses,
        "response_id",
        "campaign_id",
        "lead_id",
        "contact_id",
        "responded_at");
    Inputs.require(
        "AttributionDataWarnings",
        opportunities,
        "opportunity_id",
        "lead_id",
        "account_id",
        "sourced_by",
        "currency",
        "created_date",
        "closed_date",
        "is_pipeline_amount_rate_missing",
        "is_won_amount_rate_missing");
    String reporting = config.reportingCurrency();
    Dataset<Row> asOf = responses.filter(col("responded_at").leq(AsOf.lastInstant(config)));
    Dataset<Row> known = campaigns.select(col("campaign_id").as("_k_campaign_id"));
    Dataset<Row> unknownCampaign =
        asOf.filter(col("campaign_id").isNotNull())
            .join(known, col("campaign_id").equalTo(col("_k_campaign_id")), "left_anti")
            .select(
                row(
                    "unknown_campaign",
                    "campaign_responses",
                    col("response_id"),
                    concat(
                        lit("campaign_id '"),
                        col("campaign_id"),
                        lit(
                            "' is not in silver.campaigns; the response still counts as a"
                                + " touch, with its own channel or 'unknown'"))));
    Dataset<Row> noPerson =
        asOf.filter(col("lead_id").isNull().and(col("contact_id").isNull()))
            .select(
                row(
                    "response_without_person",
                    "campaign_responses",
                    col("response_id"),
                    lit(
                        "neither lead_id nor contact_id: the response cannot be matched to an"
                            + " opportunity")));
    String noMatch = "no converted lead and no account: touches match only through contact roles";
    Dataset<Row> noLead =
        opportunities
            .filter(col("lead_id").isNull().and(col("account_id").isNull()))
            .select(
                row(
                    "opportunity_without_lead_or_account",
                    "opportunities",
                    col("opportunity_id"),
                    when(
                            col("sourced_by").equalTo("sales"),
                            lit(
                                noMatch
                                    + "; without any, the sales-sourced deal is credited to the"
                                    + " sales prospecting campaign"))
                        .otherwise(lit(noMatch + "; without any, the deal is unattributed"))));
    Dataset<Row> pipelineRate =
        opportunities
            .filter(col("is_pipeline_amount_rate_missing"))
            .select(
                row(
                    "missing_rate_pipeline_amount",
                    "opportunities",
                    col("opportunity_id"),
                    noRate(col("currency"), col("created_date"), reporting, "pipeline amount")));
    Dataset<Row> wonRate =
        opportunities
            .filter(col("is_won_amount_rate_missing"))
            .select(
                row(
                    "missing_rate_won_amount",
                    "opportunities",
                    col("opportunity_id"),
                    noRate(col("currency"), col("closed_date"), reporting, "won amount")));
    Dataset<Row> costRate =
        CampaignSpend.of(campaigns, rates, config)
            .filter(col("is_spend_rate_missing"))
            .select(
                row(
                    "missing_rate_campaign_cost",
                    "campaigns",
                    col("campaign_id"),
                    noRate(col("currency"), col("spend_date"), reporting, "campaign cost")));
    return unknownCampaign
        .unionByName(noPerson)
        .unionByName(noLead)
        .unionByName(pipelineRate)
        .unionByName(wonRate)
        .unionByName(costRate);
  }

  private static Column[] row(String code, String entity, Column id, Column reason) {
    return new Column[] {
      lit(code).as("warning"), lit(entity).as("entity"), id.as("record_id"), reason.as("reason")
    };
  }

  private static Column noRate(Column currency, Column date, String reporting, String what) {
    return concat(
        lit("no " + reporting + " rate for "),
        upper(coalesce(currency, lit("?"))),
        lit(" on or before "),
        coalesce(date.cast("string"), lit("(no date)")),
        lit(" in silver.currency_rates: the " + what + " is left out of converted sums"));
  }
}
