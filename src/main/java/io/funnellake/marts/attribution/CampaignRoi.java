package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.campaign_roi}: per campaign and model, to date (as of the run date): spend, MQLs and
 * SQLs ({@link CampaignLeads}), attributed opportunities, pipeline, conversions (won deals) and won
 * revenue (lifetime sums of {@code gold.attribution_touch_credit}), and the ratios cost per MQL /
 * SQL / won deal = spend / count, ROI = (attributed won revenue - spend) / spend and ROAS =
 * attributed won revenue / spend (null when the divisor is 0 or spend is unknown).
 *
 * <p>Rows: every live campaign, every campaign credited or owning leads, times the published
 * models. Spend is the campaign's cost at the rate of its start date ({@link CampaignSpend}).
 */
public final class CampaignRoi extends DefinedMart {
  public static final String NAME = "campaign_roi";

  public CampaignRoi() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("campaign_id", "model"),
        "Spend, cost per MQL / SQL / won deal, ROI and ROAS per campaign and model.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.table(Lakehouse.GOLD, AttributionTouchCredit.NAME),
        ctx.silver(Entity.CAMPAIGNS),
        ctx.silver(Entity.CURRENCY_RATES),
        ctx.silver(Entity.LEADS),
        ctx.silver(Entity.LEAD_STATUS_HISTORY),
        ctx.silver(Entity.CAMPAIGN_RESPONSES),
        ctx.config(),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(
      Dataset<Row> credit,
      Dataset<Row> campaigns,
      Dataset<Row> rates,
      Dataset<Row> leads,
      Dataset<Row> history,
      Dataset<Row> responses,
      FunnelConfig config,
      AttributionSettings a) {
    Inputs.require(
        "CampaignRoi",
        credit,
        "model",
        "campaign_id",
        "credit_share",
        "attributed_pipeline",
        "attributed_conversions",
        "attributed_won_revenue");
    Dataset<Row> spend =
        CampaignSpend.of(campaigns, rates, config)
            .select(
                col("campaign_id"),
                col("name").as("campaign_name"),
                col("campaign_type"),
                col("channel"),
                col("spend"),
                col("is_spend_rate_missing"));
    Dataset<Row> people =
        CampaignLeads.of(leads, history, responses, config.stages().leadOrder(), a);
    Dataset<Row> credited =
        credit
            .withColumn("campaign_id", coalesce(col("campaign_id"), lit("unknown")))
            .groupBy("campaign_id", "model")
            .agg(
                sum(col("credit_share").cast(CreditRollup.SHARES)).as("attributed_opportunities"),
                sum("attributed_pipeline").as("attributed_pipeline"),
                sum(col("attributed_conversions").cast(CreditRollup.SHARES))
                    .as("attributed_conversions"),
                sum("attributed_won_revenue").as("attributed_won_revenue"));
    Dataset<Row> ids =
        spend
            .select("campaign_id")
            .unionByName(credited.select("campaign_id"))
            .unionByName(people.select("campaign_id"))
            .distinct()
            .crossJoin(models(credit, a));
    Column spent = col("spend").cast("double");
    Column revenue = col("attributed_won_revenue").cast("double");
    return ids.join(spend, "campaign_id", "left")
        .join(people, "campaign_id", "left")
        .join(credited, new String[] {"campaign_id", "model"}, "left")
        .select(
            col("campaign_id"),
            col("model"),
            col("campaign_name"),
            col("campaign_type"),
            col("channel"),
            col("spend"),
            coalesce(col("is_spend_rate_missing"), lit(false)).as("is_spend_rate_missing"),
            coalesce(col("total_mqls"), lit(0L)).as("total_mqls"),
            coalesce(col("total_sqls"), lit(0L)).as("total_sqls"),
            zero("attributed_opportunities", CreditRollup.SHARES),
            zero("attributed_pipeline", DataTypes.createDecimalType(34, 6)),
            zero("attributed_conversions", CreditRollup.SHARES),
            zero("attributed_won_revenue", DataTypes.createDecimalType(34, 6)))
        .withColumn("cost_per_mql", SourceRevenue.ratio(spent, col("total_mqls")))
        .withColumn("cost_per_sql", SourceRevenue.ratio(spent, col("total_sqls")))
        .withColumn("cost_per_won_deal", SourceRevenue.ratio(spent, col("attributed_conversions")))
        .withColumn("roi", when(spent.gt(0), revenue.minus(spent).divide(spent)))
        .withColumn("roas", when(spent.gt(0), revenue.divide(spent)));
  }

  private static Column zero(String name, org.apache.spark.sql.types.DataType type) {
    return coalesce(col(name), lit(0).cast(type)).as(name);
  }

  private static Dataset<Row> models(Dataset<Row> like, AttributionSettings a) {
    List<Row> rows = new ArrayList<>();
    a.models().forEach(m -> rows.add(RowFactory.create(m.value())));
    return like.sparkSession()
        .createDataFrame(rows, new StructType().add("model", DataTypes.StringType, false));
  }
}
