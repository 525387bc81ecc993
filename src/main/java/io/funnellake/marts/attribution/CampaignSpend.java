package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.config.FunnelConfig;
import io.funnellake.marts.common.Currency;
import io.funnellake.marts.common.Inputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Live campaigns with their cost in the reporting currency at the rate of the campaign's date: its
 * start date, else its end date, else the run date. Adds {@code spend_date}, {@code spend} and
 * {@code is_spend_rate_missing}.
 */
final class CampaignSpend {
  private CampaignSpend() {}

  static Dataset<Row> of(Dataset<Row> campaigns, Dataset<Row> rates, FunnelConfig config) {
    Inputs.require(
        "CampaignSpend",
        campaigns,
        "campaign_id",
        "name",
        "campaign_type",
        "channel",
        "start_date",
        "end_date",
        "cost",
        "currency",
        "is_deleted");
    Dataset<Row> live =
        campaigns
            .filter(col("is_deleted").equalTo(false))
            .withColumn(
                "spend_date",
                coalesce(
                    col("start_date"),
                    col("end_date"),
                    lit(config.runDate().toString()).cast("date")));
    return Currency.toReporting(
        live, "cost", "currency", col("spend_date"), rates, config.reportingCurrency(), "spend");
  }
}
