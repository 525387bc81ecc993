package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Derivations;
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
 * {@code silver.int_attribution_opportunities}: one row per live opportunity created by the end of
 * the run date, with what attribution and source revenue need: its converted lead (after merges),
 * when it closed, the touch cutoff, sourced-by and source, and its amount in the reporting currency
 * twice: {@code pipeline_amount} at the rate of its created date and {@code won_amount} (won deals
 * only) at the rate of its close date.
 *
 * <p>{@code closed_at} is the latest entry into the won (lost) stage in the stage history; without
 * history, the last instant of the close date. {@code cutoff_at} = {@code closed_at} for closed
 * deals, the end of the run date for open ones (never later than the run date): touches after it
 * never count. {@code cycle_days} (won deals) = close date - created date of the converted lead
 * (the first stage date), or of the opportunity when it has no lead.
 */
public final class AttributionOpportunities extends DefinedMart {
  public static final String NAME = "int_attribution_opportunities";

  public AttributionOpportunities() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of("opportunity_id"),
        "Live opportunities with converted lead, close, touch cutoff, source and amounts.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.silver(Entity.OPPORTUNITIES),
        ctx.silver(Entity.OPPORTUNITY_STAGE_HISTORY),
        ctx.silver(Entity.LEADS),
        ctx.silver(Entity.CURRENCY_RATES),
        ctx.config());
  }

  public static Dataset<Row> of(
      Dataset<Row> opportunities,
      Dataset<Row> stageHistory,
      Dataset<Row> leads,
      Dataset<Row> rates,
      FunnelConfig config) {
    String t = "AttributionOpportunities";
    Inputs.require(
        t,
        opportunities,
        "opportunity_id",
        "account_id",
        "converted_from_lead_id",
        "created_at",
        "close_date",
        "amount",
        "currency",
        "is_won",
        "is_closed",
        "sourced_by",
        "lead_source",
        "primary_campaign_id",
        "is_deleted");
    Inputs.require(t, stageHistory, "opportunity_id", "changed_at", "stage");
    Inputs.require(
        t,
        leads,
        "lead_id",
        "created_at",
        "channel",
        "sourced_by",
        "converted_opportunity_id",
        "merged_into_lead_id");
    String zone = config.reportingZone().getId();
    String won = config.stages().opportunityWon();
    String lost = config.stages().opportunityLost();
    Column asOfLast = AsOf.lastInstant(config);

    Dataset<Row> live =
        opportunities.filter(col("is_deleted").equalTo(false).and(col("created_at").leq(asOfLast)));
    // a lead converted into the opportunity when the opportunity does not name it
    Dataset<Row> convertedBy =
        leads
            .filter(col("converted_opportunity_id").isNotNull())
            .groupBy(col("converted_opportunity_id").as("opportunity_id"))
            .agg(min("lead_id").as("_converting_lead_id"));
    Dataset<Row> closes =
        stageHistory
            .filter(col("stage").isin(won, lost))
            .groupBy("opportunity_id")
            .agg(
                max(when(col("stage").equalTo(won), col("changed_at"))).as("_won_at"),
                max(when(col("stage").equalTo(lost), col("changed_at"))).as("_lost_at"));
    Dataset<Row> leadFacts =
        leads.select(
            col("lead_id").as("_lead_id"),
            coalesce(col("merged_into_lead_id"), col("lead_id")).as("_effective_lead_id"));
    Dataset<Row> survivor =
        leads.select(
            col("lead_id").as("_survivor_id"),
            col("created_at").as("_lead_created_at"),
            col("channel").as("_lead_channel"),
            col("sourced_by").as("_lead_sourced_by"));

    Column closedDate =
        when(
            col("is_closed"),
            coalesce(
                col("close_date"),
                Periods.localDate(
                    when(col("is_won"), col("_won_at")).otherwise(col("_lost_at")),
                    config.reportingZone())));
    Column endOfCloseDate =
        to_utc_timestamp(expr("date_add(closed_date, 1)").cast("timestamp"), zone)
            .minus(expr("INTERVAL 1 MICROSECOND"));
    Column closedAt =
        when(
            col("is_closed"),
            coalesce(
                when(col("is_won"), col("_won_at")).otherwise(col("_lost_at")), endOfCloseDate));

    Dataset<Row> facts =
        live.join(convertedBy, "opportunity_id", "left")
            .join(closes, "opportunity_id", "left")
            .withColumn(
                "_converted_lead_id",
                coalesce(col("converted_from_lead_id"), col("_converting_lead_id")))
            .join(leadFacts, col("_converted_lead_id").equalTo(col("_lead_id")), "left")
            .withColumn("lead_id", coalesce(col("_effective_lead_id"), col("_converted_lead_id")))
            .join(survivor, col("lead_id").equalTo(col("_survivor_id")), "left")
            .withColumn("is_won", coalesce(col("is_won"), lit(false)))
            .withColumn("is_closed", coalesce(col("is_closed"), lit(false)).or(col("is_won")))
            .withColumn(
                "created_date", Periods.localDate(col("created_at"), config.reportingZone()))
            .withColumn("closed_date", closedDate)
            .withColumn("closed_at", closedAt)
            .withColumn("cutoff_at", least(coalesce(col("closed_at"), asOfLast), asOfLast))
            .withColumn(
                "sourced_by", coalesce(col("sourced_by"), col("_lead_sourced_by"), lit("unknown")))
            .withColumn(
                "source",
                coalesce(
                    Derivations.category(col("lead_source")), col("_lead_channel"), lit("unknown")))
            .withColumn(
                "first_stage_date",
                Periods.localDate(
                    coalesce(col("_lead_created_at"), col("created_at")), config.reportingZone()))
            .withColumn(
                "cycle_days",
                when(col("is_won"), datediff(col("closed_date"), col("first_stage_date"))));
    Dataset<Row> converted =
        Currency.toReporting(
            facts,
            "amount",
            "currency",
            col("created_date"),
            rates,
            config.reportingCurrency(),
            "pipeline_amount");
    converted =
        Currency.toReporting(
            converted.withColumn("_won_amount", when(col("is_won"), col("amount"))),
            "_won_amount",
            "currency",
            col("closed_date"),
            rates,
            config.reportingCurrency(),
            "won_amount");
    return converted.select(
        col("opportunity_id"),
        col("account_id"),
        col("lead_id"),
        col("created_at"),
        col("created_date"),
        col("is_closed"),
        col("is_won"),
        col("closed_at"),
        col("closed_date"),
        col("cutoff_at"),
        col("sourced_by"),
        col("source"),
        col("primary_campaign_id"),
        col("amount"),
        col("currency"),
        col("pipeline_amount"),
        col("is_pipeline_amount_rate_missing"),
        col("won_amount"),
        col("is_won_amount_rate_missing"),
        col("cycle_days"));
  }
}
