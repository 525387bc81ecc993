package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.int_attribution_touches}: one row per opportunity and counted touch, ordered, with
 * milestones ({@link Milestones}). Touches are unified, resolved to leads, matched to
 * opportunities, cut to the windows and collapsed ({@link Touchpoints}); a sales-sourced
 * opportunity left without any touch gets one {@code sales_prospecting} touch at its creation,
 * credited to the sales prospecting campaign, so its revenue is attributed rather than lost.
 */
public final class AttributionTouches extends DefinedMart {
  public static final String NAME = "int_attribution_touches";

  public AttributionTouches() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of("opportunity_id", "touch_kind", "touch_id"),
        "Counted touches per opportunity, ordered, with milestones.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.silver(Entity.CAMPAIGN_RESPONSES),
        ctx.silver(Entity.SALES_ACTIVITIES),
        ctx.silver(Entity.CAMPAIGNS),
        ctx.silver(Entity.LEADS),
        ctx.silver(Entity.OPPORTUNITY_CONTACT_ROLES),
        ctx.table(Lakehouse.SILVER, AttributionOpportunities.NAME),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(
      Dataset<Row> responses,
      Dataset<Row> activities,
      Dataset<Row> campaigns,
      Dataset<Row> leads,
      Dataset<Row> contactRoles,
      Dataset<Row> opportunities,
      AttributionSettings a) {
    Inputs.require(
        "AttributionTouches",
        opportunities,
        "opportunity_id",
        "lead_id",
        "created_at",
        "cutoff_at",
        "is_won",
        "is_closed",
        "sourced_by");
    Dataset<Row> people =
        OpportunityPeople.of(opportunities, leads, contactRoles, a.matching(), a.maxAccountPairs());
    Dataset<Row> touches =
        Touchpoints.resolveLeads(Touchpoints.unify(responses, activities, campaigns, a), leads);
    Dataset<Row> counted =
        Touchpoints.collapse(
            Touchpoints.inWindows(Touchpoints.match(touches, people), opportunities, a),
            a.collapseWindowHours());
    Dataset<Row> kept =
        counted.select(
            col("opportunity_id"),
            col("touch_kind"),
            col("touch_id"),
            col("touched_at"),
            col("lead_key"),
            col("campaign_id"),
            col("channel"),
            col("response_type"));
    Dataset<Row> all = kept.unionByName(salesProspecting(kept, opportunities, leads, a));
    Dataset<Row> withOpportunity =
        all.join(
            opportunities.select(
                col("opportunity_id"),
                col("created_at").as("opportunity_created_at"),
                col("is_won"),
                col("is_closed")),
            "opportunity_id");
    return Milestones.mark(withOpportunity, a)
        .select(
            col("opportunity_id"),
            col("touch_kind"),
            col("touch_id"),
            col("touch_number"),
            col("total_touches"),
            col("touched_at"),
            col("lead_key"),
            col("campaign_id"),
            col("channel"),
            col("response_type"),
            col("is_first_touch"),
            col("is_last_touch"),
            col("is_lead_creation_touch"),
            col("is_opportunity_creation_touch"),
            col("is_closed_won_touch"),
            col("is_last_non_direct_touch"),
            col("opportunity_created_at"),
            col("is_won"),
            col("is_closed"));
  }

  /** One touch at creation for each sales-sourced opportunity without any counted touch. */
  static Dataset<Row> salesProspecting(
      Dataset<Row> touches, Dataset<Row> opportunities, Dataset<Row> leads, AttributionSettings a) {
    Dataset<Row> keys = leads.select(col("lead_id").as("_k_lead_id"), col("lead_key"));
    return opportunities
        .filter(col("sourced_by").equalTo("sales"))
        .join(touches.select("opportunity_id").distinct(), "opportunity_id", "left_anti")
        .join(keys, col("lead_id").equalTo(col("_k_lead_id")), "left")
        .select(
            col("opportunity_id"),
            lit(Touchpoints.SALES_PROSPECTING).as("touch_kind"),
            col("opportunity_id").as("touch_id"),
            col("created_at").as("touched_at"),
            col("lead_key"),
            lit(a.salesProspectingCampaignId()).as("campaign_id"),
            lit(a.salesProspectingChannel()).as("channel"),
            lit(null).cast("string").as("response_type"));
  }
}
