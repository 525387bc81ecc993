package io.funnellake.marts.followup;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.pct;
import static io.funnellake.marts.funnel.Aggregates.ranked;
import static io.funnellake.marts.funnel.Aggregates.rate;
import static io.funnellake.marts.funnel.Aggregates.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.funnel.FunnelSettings;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.mql_handoff_acceptance}: MQL acceptance (handoff -> {@code
 * followup.handoff.accepted_stage}) and rejection (handoff -> {@code rejected_statuses} first) per
 * period of the handoff, channel, original campaign and credited rep (with its team): counts, rates
 * over all handoffs, open ones (neither yet), and median hours to accept and to reject.
 */
public final class HandoffAcceptance extends DefinedMart {
  public static final String NAME = "mql_handoff_acceptance";
  static final List<String> KEYS =
      List.of("period_grain", "period_start", "channel", "original_campaign_id", "rep_id", "team");

  public HandoffAcceptance() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_grain", "period_start", "channel", "original_campaign_id", "rep_id"),
        "MQL acceptance and rejection counts, rates and times by source, campaign and rep.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return acceptance(
        ctx.table(Lakehouse.SILVER, MqlHandoffs.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  public static Dataset<Row> acceptance(Dataset<Row> handoffs, FunnelSettings fs, ZoneId zone) {
    Inputs.require(
        handoffs,
        "HandoffAcceptance",
        "handed_over_at",
        "channel",
        "original_campaign_id",
        "rep_id",
        "team",
        "accepted_at",
        "rejected_at");
    Dataset<Row> timed =
        handoffs
            .withColumn(
                "_hours_to_accept",
                seconds(col("handed_over_at"), col("accepted_at")).divide(3600.0))
            .withColumn(
                "_hours_to_reject",
                seconds(col("handed_over_at"), col("rejected_at")).divide(3600.0));
    return ranked(
            PeriodGrains.explode(
                timed, col("handed_over_at"), "period_start", fs.periodGrains(), zone),
            KEYS,
            "_hours_to_accept",
            "_hours_to_reject")
        .groupBy(columns(KEYS))
        .agg(
            count(lit(1)).as("total_handoffs"),
            count_if(col("accepted_at").isNotNull()).as("total_accepted"),
            count_if(col("rejected_at").isNotNull()).as("total_rejected"),
            count_if(col("accepted_at").isNull().and(col("rejected_at").isNull())).as("total_open"),
            pct("_hours_to_accept", 0.5).as("median_hours_to_accept"),
            pct("_hours_to_reject", 0.5).as("median_hours_to_reject"))
        .select(
            col("*"),
            rate(col("total_accepted"), col("total_handoffs")).as("acceptance_rate"),
            rate(col("total_rejected"), col("total_handoffs")).as("rejection_rate"));
  }
}
