package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * {@code gold.attribution_touch_credit}: one row per model, opportunity and counted touch: the
 * touch's credit share ({@link CreditShares}) and the pipeline, conversions and won revenue it is
 * credited with. For every model the shares of one opportunity sum to 1, so its credits sum to the
 * opportunity's pipeline amount, its conversion (won deals) and its won revenue.
 *
 * <p>Amounts (reporting currency, decimal(24,6)) are share x the opportunity's converted amount;
 * null when the amount is unknown or has no usable rate (listed in {@code
 * gold.attribution_data_warnings}).
 */
public final class AttributionTouchCredit extends DefinedMart {
  public static final String NAME = "attribution_touch_credit";

  public AttributionTouchCredit() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("model", "opportunity_id", "touch_kind", "touch_id"),
        "Credit share, pipeline and won revenue of each touch per opportunity and model.");
  }

  /** Attributed money: share x amount, rounded to 6 decimals. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(24, 6);

  private static final DecimalType SHARE = DataTypes.createDecimalType(19, 18);

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.table(Lakehouse.SILVER, AttributionTouches.NAME),
        ctx.table(Lakehouse.SILVER, AttributionOpportunities.NAME),
        ctx.table(Lakehouse.GOLD, AttributionChannelEffects.NAME),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(
      Dataset<Row> touches,
      Dataset<Row> opportunities,
      Dataset<Row> effects,
      AttributionSettings a) {
    Inputs.require(
        "AttributionTouchCredit",
        opportunities,
        "opportunity_id",
        "created_date",
        "closed_date",
        "pipeline_amount",
        "won_amount");
    Dataset<Row> amounts =
        opportunities.select(
            col("opportunity_id").as("_a_opportunity_id"),
            col("created_date").as("opportunity_created_date"),
            col("closed_date"),
            col("pipeline_amount"),
            col("won_amount"));
    Column share = col("credit_share").cast(SHARE);
    // amounts join the touches before one row per model is made of each
    Dataset<Row> withAmounts =
        touches
            .join(amounts, col("opportunity_id").equalTo(col("_a_opportunity_id")))
            .drop("_a_opportunity_id");
    return CreditShares.of(withAmounts, effects, a)
        .select(
            col("model"),
            col("opportunity_id"),
            col("touch_kind"),
            col("touch_id"),
            col("touch_number").cast("int").as("touch_number"),
            col("total_touches").cast("int").as("total_touches"),
            col("touched_at"),
            col("lead_key"),
            col("campaign_id"),
            col("channel"),
            col("is_first_touch"),
            col("is_lead_creation_touch"),
            col("is_opportunity_creation_touch"),
            col("is_closed_won_touch"),
            col("is_last_touch"),
            col("is_last_non_direct_touch"),
            col("opportunity_created_date"),
            col("closed_date"),
            col("is_won"),
            col("credit_share"),
            share.multiply(col("pipeline_amount")).cast(MONEY).as("attributed_pipeline"),
            when(col("is_won"), col("credit_share"))
                .otherwise(lit(0.0))
                .as("attributed_conversions"),
            when(col("is_won"), share.multiply(col("won_amount")).cast(MONEY))
                .otherwise(lit(0).cast(MONEY))
                .as("attributed_won_revenue"));
  }
}
