package io.funnellake.marts.completeness;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.trim;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.funnel.FunnelSettings;
import io.funnellake.marts.funnel.LeadDimensions;
import io.funnellake.quality.FieldRule;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.handoff_completeness}: MQL handoffs ({@code int_mql_handoffs}) per period grain and
 * period of the handoff, channel (source) and campaign, and field: each lead rule of {@code
 * funnel.completeness.rules} that applies at the handoff ({@code required_at} at or before {@code
 * funnel.funnel.handoff_stage}, or none), plus {@code any_required_field}.
 *
 * <p>As of handoff: silver keeps the latest version of a lead only and the contract has no field
 * history, so a field counts as complete at handoff only when it holds an allowed value now AND the
 * lead record was last modified ({@code updated_at}) at or before the handoff. A field filled now
 * on a lead modified after its handoff may have been filled after it: it counts as incomplete
 * ({@code total_unverified}), so the incomplete count is an upper bound and {@code total_missing}
 * (empty or not allowed now) a lower bound. Rejected for missing data = the handoff was rejected
 * with a reason in {@code funnel.completeness.missing_data_reasons}.
 */
public final class HandoffCompleteness extends DefinedMart {
  public static final String NAME = "handoff_completeness";
  public static final String ANY = "any_required_field";

  public HandoffCompleteness() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_grain", "period_start", "channel", "original_campaign_id", "field"),
        "MQL handoffs with required fields missing at handoff, and rejections for missing data.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    CompletenessSettings cs = CompletenessSettings.of(ctx.config());
    FunnelSettings fs = FunnelSettings.of(ctx.config());
    int handoff = fs.stageIndex(fs.handoffStage());
    List<FieldRule> rules =
        cs.rules().stream()
            .filter(r -> r.entity() == Entity.LEADS)
            .filter(r -> r.requiredAt() == null || fs.stageIndex(r.requiredAt()) <= handoff)
            .toList();
    return gaps(
        ctx.table(Lakehouse.SILVER, "int_mql_handoffs"),
        ctx.silver(Entity.LEADS),
        rules,
        cs,
        ctx.reportingZone());
  }

  public static Dataset<Row> gaps(
      Dataset<Row> handoffs,
      Dataset<Row> leads,
      List<FieldRule> rules,
      CompletenessSettings cs,
      ZoneId zone) {
    Inputs.require(
        handoffs,
        "HandoffCompleteness(handoffs)",
        "lead_id",
        "handed_over_at",
        "channel",
        "original_campaign_id",
        "rejected_at",
        "rejection_reason");
    Inputs.require(leads, "HandoffCompleteness(leads)", "lead_id", "updated_at");
    List<Column> fieldCols = new ArrayList<>(List.of(col("lead_id"), col("updated_at")));
    for (FieldRule r : rules) {
      Inputs.require(leads, "HandoffCompleteness(leads)", r.column());
      fieldCols.add(r.conforming(col(r.column())).as("_ok_" + r.field()));
    }
    Dataset<Row> lead = leads.select(fieldCols.toArray(new Column[0]));
    Column rejectedMissing =
        col("rejected_at")
            .isNotNull()
            .and(
                coalesce(
                    lower(trim(col("rejection_reason"))).isin(cs.missingDataReasons().toArray()),
                    lit(false)));
    Dataset<Row> base =
        handoffs
            .select(
                col("lead_id"),
                col("handed_over_at"),
                LeadDimensions.orUnknown(col("channel")).as("channel"),
                LeadDimensions.orUnknown(col("original_campaign_id")).as("original_campaign_id"),
                rejectedMissing.as("_rejected_missing"))
            .join(lead, "lead_id", "left");
    Column modifiedAfter = coalesce(col("updated_at").gt(col("handed_over_at")), lit(true));
    Dataset<Row> perField = null;
    Column anyMissing = lit(false);
    Column anyUnverified = lit(false);
    for (FieldRule r : rules) {
      Column missing = coalesce(col("_ok_" + r.field()), lit(false)).equalTo(false);
      anyMissing = anyMissing.or(missing);
      anyUnverified = anyUnverified.or(missing.equalTo(false).and(modifiedAfter));
      Dataset<Row> one = flags(base, lit(r.field()), missing, modifiedAfter);
      perField = perField == null ? one : perField.unionByName(one);
    }
    Column anyUnverifiedOnly = anyMissing.equalTo(false).and(anyUnverified);
    Dataset<Row> any =
        base.select(
            col("handed_over_at"),
            col("channel"),
            col("original_campaign_id"),
            col("_rejected_missing"),
            lit(ANY).as("field"),
            anyMissing.as("_missing"),
            anyUnverifiedOnly.as("_unverified"));
    Dataset<Row> all = perField == null ? any : perField.unionByName(any);
    Column incomplete = col("_missing").or(col("_unverified"));
    return PeriodGrains.explode(all, col("handed_over_at"), "period_start", cs.grains(), zone)
        .groupBy("period_grain", "period_start", "channel", "original_campaign_id", "field")
        .agg(
            count(lit(1)).as("total_handoffs"),
            count_if(incomplete).as("total_incomplete_at_handoff"),
            count_if(col("_missing")).as("total_missing"),
            count_if(col("_unverified")).as("total_unverified"),
            count_if(col("_rejected_missing")).as("total_rejected_missing_data"),
            count_if(incomplete.and(col("_rejected_missing")))
                .as("total_incomplete_rejected_missing_data"))
        .withColumn(
            "incomplete_at_handoff_rate",
            round(col("total_incomplete_at_handoff").divide(col("total_handoffs")), 4))
        .withColumn("missing_rate", round(col("total_missing").divide(col("total_handoffs")), 4));
  }

  private static Dataset<Row> flags(
      Dataset<Row> base, Column field, Column missing, Column modifiedAfter) {
    return base.select(
        col("handed_over_at"),
        col("channel"),
        col("original_campaign_id"),
        col("_rejected_missing"),
        field.as("field"),
        missing.as("_missing"),
        missing.equalTo(false).and(modifiedAfter).as("_unverified"));
  }
}
