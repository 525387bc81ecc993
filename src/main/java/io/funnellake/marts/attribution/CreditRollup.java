package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Periods;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Rolls touch credit up to model x period x key (campaign or channel). Opportunity and pipeline
 * credit fall in the period of the opportunity's creation; conversion and won-revenue credit in the
 * period of its close. Sums are decimal, so they are the same whatever the order Spark adds them
 * in.
 */
final class CreditRollup {
  /** Fractional counts (shares) summed exactly: 12 decimals. */
  static final DecimalType SHARES = DataTypes.createDecimalType(20, 12);

  private CreditRollup() {}

  /**
   * @return {@code model, period_start, <key>, total_touches, attributed_opportunities,
   *     attributed_pipeline, attributed_conversions, attributed_won_revenue}; a null key becomes
   *     {@code unknown}
   */
  static Dataset<Row> by(Dataset<Row> credit, Periods.Grain grain, String key) {
    Inputs.require(
        "CreditRollup",
        credit,
        "model",
        key,
        "opportunity_created_date",
        "closed_date",
        "is_won",
        "credit_share",
        "attributed_pipeline",
        "attributed_won_revenue");
    Column keyValue = coalesce(col(key), lit("unknown")).as(key);
    Column share = col("credit_share").cast(SHARES);
    Column noShare = lit(0).cast(SHARES);
    Column noMoney = lit(0).cast(AttributionTouchCredit.MONEY);
    Dataset<Row> created =
        credit.select(
            col("model"),
            Periods.periodStartOfDate(col("opportunity_created_date"), grain).as("period_start"),
            keyValue,
            lit(1L).as("_touches"),
            share.as("_opportunities"),
            col("attributed_pipeline").as("_pipeline"),
            noShare.as("_conversions"),
            noMoney.as("_revenue"));
    Dataset<Row> won =
        credit
            .filter(col("is_won").and(col("closed_date").isNotNull()))
            .select(
                col("model"),
                Periods.periodStartOfDate(col("closed_date"), grain).as("period_start"),
                keyValue,
                lit(0L).as("_touches"),
                noShare.as("_opportunities"),
                noMoney.as("_pipeline"),
                share.as("_conversions"),
                col("attributed_won_revenue").as("_revenue"));
    return created
        .unionByName(won)
        .groupBy("model", "period_start", key)
        .agg(
            sum("_touches").as("total_touches"),
            sum("_opportunities").as("attributed_opportunities"),
            sum("_pipeline").as("attributed_pipeline"),
            sum("_conversions").as("attributed_conversions"),
            sum("_revenue").as("attributed_won_revenue"));
  }
}
