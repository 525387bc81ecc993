package io.funnellake.marts.followup;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.int_lead_touches}: sales activities of live leads, one row per activity: {@code
 * activity_id, lead_id, rep_id, activity_type, activity_at, duration_minutes, is_touch}. An
 * activity belongs to its {@code lead_id}, or, when it has none, to the lead converted into its
 * {@code contact_id}. {@code is_touch}: its type is one of {@code
 * funnel.followup.touch_activity_types}. Activities of no live lead are left out (unknown leads are
 * reported in {@code gold.funnel_data_warnings}).
 */
public final class LeadTouches extends DefinedMart {
  public static final String NAME = "int_lead_touches";

  public LeadTouches() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of("activity_id"),
        "Sales activities resolved to live leads, flagged as touches.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return touches(
        ctx.silver(Entity.SALES_ACTIVITIES),
        LiveLeads.of(ctx.silver(Entity.LEADS)),
        FollowupSettings.of(ctx.config()));
  }

  public static Dataset<Row> touches(
      Dataset<Row> activities, Dataset<Row> liveLeads, FollowupSettings fu) {
    Inputs.require(
        activities,
        "LeadTouches",
        "activity_id",
        "lead_id",
        "contact_id",
        "rep_id",
        "activity_type",
        "activity_at",
        "duration_minutes");
    Inputs.require(liveLeads, "LeadTouches(leads)", "lead_id", "converted_contact_id");
    // one lead per converted contact, so a contact shared by two leads cannot double an activity
    Dataset<Row> byContact =
        liveLeads
            .filter(col("converted_contact_id").isNotNull())
            .groupBy(col("converted_contact_id").as("_contact"))
            .agg(min("lead_id").as("_contact_lead"));
    Dataset<Row> ids = liveLeads.select(col("lead_id").as("_live"));
    return activities
        .join(byContact, activities.col("contact_id").equalTo(byContact.col("_contact")), "left")
        .withColumn("_lead", coalesce(col("lead_id"), col("_contact_lead")))
        .join(ids, col("_lead").equalTo(ids.col("_live")))
        .select(
            col("activity_id"),
            col("_lead").as("lead_id"),
            col("rep_id"),
            col("activity_type"),
            col("activity_at"),
            col("duration_minutes"),
            coalesce(col("activity_type").isin(fu.touchTypes().toArray()), lit(false))
                .as("is_touch"));
  }
}
