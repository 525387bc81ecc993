package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;

import io.funnellake.marts.common.InputColumns;
import io.funnellake.marts.leads.LiveLeads;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Shapes silver into the two inputs of {@link PointInTimeScoring}: leads with their fit attributes
 * and behaviour events (campaign responses of leads with their asset and campaign type).
 *
 * <p>Point in time: events carry their own time and are filtered to {@code responded_at <= t0} by
 * {@link PointInTimeScoring}. Fit attributes come from silver.leads, which keeps only the latest
 * record of each lead: they are as of t0 only when the record was last updated at or before t0
 * ({@code is_fit_point_in_time}); otherwise a later edit (e.g. a title filled in by sales) may leak
 * into the backtest. Content assets and campaigns are dimensions read as last known.
 */
public final class ScoringInputs {
  private ScoringInputs() {}

  /**
   * Live leads (not deleted, not merged) with {@code lead_id, lead_key, created_at, updated_at,
   * status} and every field of {@link Variants#FIT_FIELDS}.
   */
  public static Dataset<Row> leads(Dataset<Row> silverLeads) {
    List<String> cols =
        new ArrayList<>(List.of("lead_id", "lead_key", "created_at", "updated_at", "status"));
    cols.addAll(Variants.FIT_FIELDS);
    InputColumns.require("ScoringInputs.leads", silverLeads, cols.toArray(new String[0]));
    return LiveLeads.of(silverLeads).select(cols.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Responses of leads: {@code lead_id, response_id, responded_at} and every field of {@link
   * Variants#EVENT_FIELDS} ({@code asset_type} from silver.content_assets, {@code campaign_type}
   * from silver.campaigns). Responses of contacts without a lead are not lead behaviour.
   */
  public static Dataset<Row> events(
      Dataset<Row> responses, Dataset<Row> contentAssets, Dataset<Row> campaigns) {
    InputColumns.require(
        "ScoringInputs.events",
        responses,
        "response_id",
        "lead_id",
        "responded_at",
        "response_type",
        "page",
        "content_id",
        "campaign_id",
        "channel");
    InputColumns.require("ScoringInputs.events", contentAssets, "content_id", "asset_type");
    InputColumns.require("ScoringInputs.events", campaigns, "campaign_id", "campaign_type");
    // dimensions are unique on their keys in silver: the left joins cannot fan responses out
    Dataset<Row> assets = contentAssets.select(col("content_id").as("_cid"), col("asset_type"));
    Dataset<Row> camps = campaigns.select(col("campaign_id").as("_kid"), col("campaign_type"));
    Dataset<Row> r = responses.filter(col("lead_id").isNotNull());
    return r.join(assets, r.col("content_id").equalTo(assets.col("_cid")), "left")
        .join(camps, r.col("campaign_id").equalTo(camps.col("_kid")), "left")
        .select(
            col("lead_id"),
            col("response_id"),
            col("responded_at"),
            col("response_type"),
            col("page"),
            col("content_id"),
            col("asset_type"),
            col("campaign_id"),
            col("campaign_type"),
            col("channel"));
  }
}
