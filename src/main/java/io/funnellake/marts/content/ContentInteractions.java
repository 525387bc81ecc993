package io.funnellake.marts.content;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.funnel.LeadDimensions;
import io.funnellake.marts.funnel.LeadStageEvents;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Content interactions: campaign responses with a {@code content_id}, resolved to a live lead (the
 * response's lead, else the lead converted into its contact), with the lead's persona and the stage
 * the lead was in at the time ({@code lead_stage}: the latest stage entered at or before the
 * response, {@code none} before the lead entered the funnel or without a lead), and the asset's
 * target persona. Responses whose lead is unknown are kept with persona {@code unknown}.
 *
 * <p>Built once a night into {@code silver.int_content_interactions}, which the content marts read
 * (each used to derive it again, some of them several times).
 */
public final class ContentInteractions extends DefinedMart {
  public static final String NAME = "int_content_interactions";

  public ContentInteractions() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of("response_id"),
        "Content responses with their lead, persona, stage at the response and target persona.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.silver(Entity.CAMPAIGN_RESPONSES),
        ctx.silver(Entity.LEADS),
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        ctx.silver(Entity.CONTENT_ASSETS));
  }

  public static Dataset<Row> of(
      Dataset<Row> responses, Dataset<Row> leads, Dataset<Row> events, Dataset<Row> assets) {
    Inputs.require(
        responses,
        "ContentInteractions(responses)",
        "response_id",
        "lead_id",
        "contact_id",
        "content_id",
        "responded_at");
    Inputs.require(
        leads,
        "ContentInteractions(leads)",
        "lead_id",
        "lead_key",
        "persona",
        "converted_contact_id");
    Inputs.require(
        events, "ContentInteractions(events)", "lead_id", "stage", "stage_index", "entered_at");
    Inputs.require(assets, "ContentInteractions(assets)", "content_id", "target_persona");
    Dataset<Row> live = LiveLeads.of(leads);
    Dataset<Row> byContact =
        live.filter(col("converted_contact_id").isNotNull())
            .groupBy(col("converted_contact_id").as("_contact"))
            .agg(min("lead_id").as("_contact_lead"));
    Dataset<Row> r =
        responses
            .filter(col("content_id").isNotNull())
            .join(byContact, col("contact_id").equalTo(col("_contact")), "left")
            .withColumn("_lead", coalesce(col("lead_id"), col("_contact_lead")))
            .select(col("response_id"), col("content_id"), col("responded_at"), col("_lead"));
    Dataset<Row> people =
        live.select(
            col("lead_id").as("_lead"),
            col("lead_key"),
            LeadDimensions.orUnknown(col("persona")).as("persona"));
    Dataset<Row> withLead = r.join(people, "_lead", "left");
    // the stage at the response: the latest entry at or before it (ties: the higher stage)
    Dataset<Row> e =
        events.select(col("lead_id"), col("stage"), col("stage_index"), col("entered_at"));
    Dataset<Row> stageAt =
        withLead
            .join(
                e,
                withLead
                    .col("_lead")
                    .equalTo(e.col("lead_id"))
                    .and(e.col("entered_at").leq(withLead.col("responded_at"))))
            .groupBy("response_id")
            .agg(max(struct(col("entered_at"), col("stage_index"), col("stage"))).as("_s"))
            .select(col("response_id"), col("_s.stage").as("lead_stage"));
    Dataset<Row> a = assets.select(col("content_id"), col("target_persona").as("_target"));
    return withLead
        .join(stageAt, "response_id", "left")
        .join(a, "content_id", "left")
        .select(
            col("response_id"),
            col("content_id"),
            col("responded_at"),
            col("_lead").as("lead_id"),
            col("lead_key"),
            coalesce(col("persona"), lit(LeadDimensions.UNKNOWN)).as("persona"),
            coalesce(col("lead_stage"), lit("none")).as("lead_stage"),
            coalesce(lower(trim(col("persona"))).equalTo(lower(trim(col("_target")))), lit(false))
                .as("is_target_persona"));
  }
}
