package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.funnellake.conform.Derivations;
import io.funnellake.marts.common.Inputs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Touchpoints: marketing responses and (when configured) sales activities as one kind of row,
 * resolved to the lead they belong to, matched to opportunities, cut to each opportunity's windows
 * and collapsed when repeated.
 *
 * <p>Order of touches (the deterministic tiebreak): {@code touched_at}, then the kind ({@link
 * #MARKETING_RESPONSE} before {@link #SALES_ACTIVITY} before {@link #SALES_PROSPECTING}), then
 * {@code touch_id}.
 */
public final class Touchpoints {
  public static final String MARKETING_RESPONSE = "marketing_response";
  public static final String SALES_ACTIVITY = "sales_activity";
  public static final String SALES_PROSPECTING = "sales_prospecting";

  private Touchpoints() {}

  /** The tiebreak rank of a touch kind. */
  static Column kindRank(Column kind) {
    return org.apache
        .spark
        .sql
        .functions
        .when(kind.equalTo(MARKETING_RESPONSE), lit(1))
        .when(kind.equalTo(SALES_ACTIVITY), lit(2))
        .otherwise(lit(3));
  }

  /**
   * Responses (and sales activities when {@code includeSalesActivities}) as touches: {@code
   * touch_kind, touch_id, touched_at, lead_id, contact_id, activity_opportunity_id, campaign_id,
   * is_campaign_known, channel, response_type}. A response's channel is its own, else its
   * campaign's, else {@code unknown}. Responses of excluded campaign types or deleted campaigns are
   * left out. Sales activities belong to the sales prospecting campaign and channel.
   */
  public static Dataset<Row> unify(
      Dataset<Row> responses,
      Dataset<Row> activities,
      Dataset<Row> campaigns,
      AttributionSettings a) {
    Inputs.require(
        "Touchpoints.unify",
        responses,
        "response_id",
        "campaign_id",
        "lead_id",
        "contact_id",
        "response_type",
        "responded_at",
        "channel");
    Inputs.require(
        "Touchpoints.unify", campaigns, "campaign_id", "campaign_type", "channel", "is_deleted");
    Dataset<Row> camp =
        campaigns.select(
            col("campaign_id").as("_campaign_id"),
            col("campaign_type").as("_campaign_type"),
            col("channel").as("_campaign_channel"),
            col("is_deleted").as("_campaign_deleted"));
    Column excluded =
        a.excludedCampaignTypes().isEmpty()
            ? lit(false)
            : coalesce(
                Derivations.category(col("_campaign_type"))
                    .isin(a.excludedCampaignTypes().toArray()),
                lit(false));
    Dataset<Row> marketing =
        responses
            .join(camp, col("campaign_id").equalTo(col("_campaign_id")), "left")
            .filter(excluded.or(coalesce(col("_campaign_deleted"), lit(false))).unary_$bang())
            .select(
                lit(MARKETING_RESPONSE).as("touch_kind"),
                col("response_id").as("touch_id"),
                col("responded_at").as("touched_at"),
                col("lead_id"),
                col("contact_id"),
                lit(null).cast("string").as("activity_opportunity_id"),
                col("campaign_id"),
                col("_campaign_id").isNotNull().as("is_campaign_known"),
                coalesce(col("channel"), col("_campaign_channel"), lit("unknown")).as("channel"),
                col("response_type"));
    if (!a.includeSalesActivities()) {
      return marketing;
    }
    Inputs.require(
        "Touchpoints.unify",
        activities,
        "activity_id",
        "lead_id",
        "contact_id",
        "opportunity_id",
        "activity_at");
    Dataset<Row> sales =
        activities.select(
            lit(SALES_ACTIVITY).as("touch_kind"),
            col("activity_id").as("touch_id"),
            col("activity_at").as("touched_at"),
            col("lead_id"),
            col("contact_id"),
            col("opportunity_id").as("activity_opportunity_id"),
            lit(a.salesProspectingCampaignId()).as("campaign_id"),
            lit(true).as("is_campaign_known"),
            lit(a.salesProspectingChannel()).as("channel"),
            lit(null).cast("string").as("response_type"));
    return marketing.unionByName(sales);
  }

  /**
   * Resolves each touch to a lead: its own lead (or the lead it was merged into), else the lead
   * whose conversion created its contact. Adds {@code resolved_lead_id} and {@code lead_key} (null
   * when the person is not a known lead); drops touches of deleted leads.
   */
  public static Dataset<Row> resolveLeads(Dataset<Row> touches, Dataset<Row> leads) {
    Inputs.require("Touchpoints.resolveLeads", touches, "lead_id", "contact_id");
    Inputs.require(
        "Touchpoints.resolveLeads",
        leads,
        "lead_id",
        "lead_key",
        "merged_into_lead_id",
        "converted_contact_id",
        "is_deleted");
    Dataset<Row> merged =
        leads.select(
            col("lead_id").as("_own_lead_id"),
            coalesce(col("merged_into_lead_id"), col("lead_id")).as("_own_effective_id"));
    Dataset<Row> byContact =
        leads
            .filter(col("converted_contact_id").isNotNull())
            .groupBy(col("converted_contact_id").as("_contact_id"))
            .agg(min(coalesce(col("merged_into_lead_id"), col("lead_id"))).as("_contact_lead_id"));
    Dataset<Row> keys =
        leads.select(
            col("lead_id").as("_key_lead_id"),
            col("lead_key"),
            col("is_deleted").as("_lead_deleted"),
            col("merged_into_lead_id").as("_lead_merged_into"));
    return touches
        .join(merged, col("lead_id").equalTo(col("_own_lead_id")), "left")
        .join(byContact, col("contact_id").equalTo(col("_contact_id")), "left")
        .withColumn(
            "resolved_lead_id",
            coalesce(col("_own_effective_id"), col("lead_id"), col("_contact_lead_id")))
        .join(keys, col("resolved_lead_id").equalTo(col("_key_lead_id")), "left")
        // a deleted lead's touches go; a merged lead's went to its survivor above
        .filter(
            coalesce(col("_lead_deleted"), lit(false))
                .and(col("_lead_merged_into").isNull())
                .unary_$bang())
        .drop(
            "_own_lead_id",
            "_own_effective_id",
            "_contact_id",
            "_contact_lead_id",
            "_key_lead_id",
            "_lead_deleted",
            "_lead_merged_into");
  }

  /**
   * Touches of each opportunity's people ({@link OpportunityPeople}): a touch belongs to an
   * opportunity when its resolved lead or its contact is one of the opportunity's people, or (sales
   * activities) when it names the opportunity. One row per opportunity and touch, whatever the
   * number of ways it matched. Adds {@code opportunity_id}.
   */
  public static Dataset<Row> match(Dataset<Row> touches, Dataset<Row> people) {
    Inputs.require(
        "Touchpoints.match",
        touches,
        "touch_kind",
        "touch_id",
        "resolved_lead_id",
        "contact_id",
        "activity_opportunity_id");
    Inputs.require("Touchpoints.match", people, "opportunity_id", "lead_id", "contact_id");
    String[] touchCols = touches.columns();
    Dataset<Row> byLead =
        touches
            .join(
                people
                    .filter(col("lead_id").isNotNull())
                    .select(col("opportunity_id"), col("lead_id").as("_p_lead_id"))
                    .distinct(),
                col("resolved_lead_id").equalTo(col("_p_lead_id")))
            .drop("_p_lead_id");
    Dataset<Row> byContact =
        touches
            .join(
                people
                    .filter(col("contact_id").isNotNull())
                    .select(col("opportunity_id"), col("contact_id").as("_p_contact_id"))
                    .distinct(),
                col("contact_id").equalTo(col("_p_contact_id")))
            .drop("_p_contact_id");
    Dataset<Row> direct =
        touches
            .filter(col("activity_opportunity_id").isNotNull())
            .withColumn("opportunity_id", col("activity_opportunity_id"));
    return byLead
        .unionByName(byContact)
        .unionByName(direct)
        .dropDuplicates("opportunity_id", "touch_kind", "touch_id")
        .select(withOpportunity(touchCols));
  }

  private static Column[] withOpportunity(String[] touchCols) {
    Column[] out = new Column[touchCols.length + 1];
    out[0] = col("opportunity_id");
    for (int i = 0; i < touchCols.length; i++) {
      out[i + 1] = col(touchCols[i]);
    }
    return out;
  }

  /**
   * Keeps the touches inside each opportunity's timeline: at or before its cutoff (close, or the
   * end of the run date), at most {@code lookback_days} before the cutoff and at most {@code
   * influence_window_days} before its creation. All bounds are inclusive.
   */
  public static Dataset<Row> inWindows(
      Dataset<Row> touches, Dataset<Row> opportunities, AttributionSettings a) {
    Inputs.require("Touchpoints.inWindows", touches, "opportunity_id", "touched_at");
    Inputs.require(
        "Touchpoints.inWindows", opportunities, "opportunity_id", "created_at", "cutoff_at");
    Dataset<Row> bounds =
        opportunities.select(
            col("opportunity_id").as("_w_opportunity_id"),
            col("created_at").as("_w_created_at"),
            col("cutoff_at").as("_w_cutoff_at"));
    Column inside =
        col("touched_at")
            .leq(col("_w_cutoff_at"))
            .and(col("touched_at").geq(daysBefore(col("_w_cutoff_at"), a.lookbackDays())))
            .and(col("touched_at").geq(daysBefore(col("_w_created_at"), a.influenceWindowDays())));
    return touches
        .join(bounds, col("opportunity_id").equalTo(col("_w_opportunity_id")))
        .filter(inside)
        .drop("_w_opportunity_id", "_w_created_at", "_w_cutoff_at");
  }

  private static Column daysBefore(Column ts, int days) {
    return ts.minus(expr("INTERVAL " + days + " DAYS"));
  }

  /**
   * Repeated touches count once: within an opportunity, a touch of the same person, campaign,
   * channel and kind at most {@code hours} after the previous one joins that burst and is dropped,
   * so a burst keeps its first touch. {@code hours = 0} keeps every touch.
   */
  public static Dataset<Row> collapse(Dataset<Row> touches, int hours) {
    Inputs.require(
        "Touchpoints.collapse",
        touches,
        "opportunity_id",
        "touch_kind",
        "touch_id",
        "touched_at",
        "resolved_lead_id",
        "contact_id",
        "campaign_id",
        "channel");
    if (hours == 0) {
      return touches;
    }
    Column person =
        coalesce(
            col("resolved_lead_id"),
            concat(lit("contact:"), col("contact_id")),
            concat(lit("touch:"), col("touch_id")));
    Column previous =
        lag(col("touched_at"), 1)
            .over(
                Window.partitionBy(
                        col("opportunity_id"),
                        col("_person"),
                        coalesce(col("campaign_id"), lit("")),
                        col("channel"),
                        col("touch_kind"))
                    .orderBy(col("touched_at"), col("touch_id")));
    return touches
        .withColumn("_person", person)
        .withColumn("_previous_at", previous)
        .filter(
            col("_previous_at")
                .isNull()
                .or(
                    col("touched_at")
                        .gt(col("_previous_at").plus(expr("INTERVAL " + hours + " HOURS")))))
        .drop("_person", "_previous_at");
  }
}
