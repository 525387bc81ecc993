package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * MQLs and SQLs per campaign for campaign ROI. A lead belongs to its creation campaign ({@code
 * original_campaign_id}, else the campaign of its first campaign response); it counts as an MQL
 * (SQL) when its status history or current status reached the MQL (SQL) stage or a later stage of
 * the funnel order (skipped stages are back-populated). Live leads only; the same counts appear on
 * every model's row.
 */
final class CampaignLeads {
  private CampaignLeads() {}

  /**
   * @return {@code campaign_id, total_mqls, total_sqls}
   */
  static Dataset<Row> of(
      Dataset<Row> leads,
      Dataset<Row> history,
      Dataset<Row> responses,
      List<String> stageOrder,
      AttributionSettings a) {
    Inputs.require("CampaignLeads", leads, "lead_id", "status", "original_campaign_id");
    Inputs.require("CampaignLeads", history, "lead_id", "status");
    Inputs.require(
        "CampaignLeads", responses, "lead_id", "campaign_id", "responded_at", "response_id");
    Column order = array(stageOrder.stream().map(s -> lit(s)).toArray(Column[]::new));
    Dataset<Row> live = LiveLeads.of(leads);
    Dataset<Row> reached =
        live.select(col("lead_id"), col("status"))
            .unionByName(history.select(col("lead_id"), col("status")))
            .groupBy("lead_id")
            .agg(max(array_position(order, col("status"))).as("_furthest"));
    Dataset<Row> firstResponse =
        responses
            .filter(col("lead_id").isNotNull().and(col("campaign_id").isNotNull()))
            .groupBy(col("lead_id").as("_r_lead_id"))
            .agg(
                min(struct(col("responded_at"), col("response_id"), col("campaign_id")))
                    .getField("campaign_id")
                    .as("_first_campaign_id"));
    long mql = stageOrder.indexOf(a.mqlStage()) + 1L;
    long sql = stageOrder.indexOf(a.sqlStage()) + 1L;
    return live.join(reached, "lead_id")
        .join(firstResponse, col("lead_id").equalTo(col("_r_lead_id")), "left")
        .withColumn("campaign_id", coalesce(col("original_campaign_id"), col("_first_campaign_id")))
        .filter(col("campaign_id").isNotNull())
        .groupBy("campaign_id")
        .agg(
            count(when(col("_furthest").geq(mql), lit(1))).as("total_mqls"),
            count(when(col("_furthest").geq(sql), lit(1))).as("total_sqls"));
  }
}
