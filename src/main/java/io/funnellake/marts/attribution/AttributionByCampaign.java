package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.attribution_by_campaign}: touch credit per model, period and campaign ({@link
 * CreditRollup}), with the campaign's name and type ({@code campaign_id = unknown} for responses
 * without a campaign; name and type null for campaigns not in silver.campaigns, such as the
 * configured sales prospecting campaign when the CRM has none).
 */
public final class AttributionByCampaign extends DefinedMart {
  public static final String NAME = "attribution_by_campaign";

  public AttributionByCampaign() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("model", "period_start", "campaign_id"),
        "Attributed opportunities, pipeline, conversions and won revenue per campaign.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.table(Lakehouse.GOLD, AttributionTouchCredit.NAME),
        ctx.silver(Entity.CAMPAIGNS),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(
      Dataset<Row> credit, Dataset<Row> campaigns, AttributionSettings a) {
    Dataset<Row> names =
        campaigns.select(
            col("campaign_id").as("_c_campaign_id"),
            col("name").as("campaign_name"),
            col("campaign_type"));
    return CreditRollup.by(credit, a.period(), "campaign_id")
        .join(names, col("campaign_id").equalTo(col("_c_campaign_id")), "left")
        .select(
            col("model"),
            col("period_start"),
            col("campaign_id"),
            col("campaign_name"),
            col("campaign_type"),
            col("total_touches"),
            col("attributed_opportunities"),
            col("attributed_pipeline"),
            col("attributed_conversions"),
            col("attributed_won_revenue"));
  }
}
