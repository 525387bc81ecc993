package io.funnellake.marts.leads;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.daily_leads_by_source_stage}: leads created per day (reporting time zone) by channel,
 * sourced-by and current status. A quick volume view; funnel analysis uses the stage-history marts.
 * Deleted leads and leads merged into another are not counted.
 */
public final class DailyLeadsBySourceStage extends DefinedMart {
  public static final String NAME = "daily_leads_by_source_stage";

  public DailyLeadsBySourceStage() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("created_date", "channel", "sourced_by", "current_status"),
        "Leads created per day by channel, sourced-by and current status.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return LiveLeads.of(ctx.silver(Entity.LEADS))
        .select(
            to_date(from_utc_timestamp(col("created_at"), ctx.reportingZone().getId()))
                .as("created_date"),
            coalesce(col("channel"), lit("unknown")).as("channel"),
            coalesce(col("sourced_by"), lit("unknown")).as("sourced_by"),
            col("status").as("current_status"))
        .groupBy("created_date", "channel", "sourced_by", "current_status")
        .agg(count(lit(1)).as("total_leads"))
        .orderBy("created_date", "channel", "sourced_by", "current_status");
  }
}
