package io.funnellake.marts.followup;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.funnel.FunnelSettings;
import io.funnellake.marts.funnel.LeadExits;
import io.funnellake.marts.funnel.LeadFunnel;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.disqualification_reasons}: every exit by one of {@code
 * followup.properly_worked.disqualified_statuses} ({@code int_lead_exits}), per period of the exit,
 * status, reason ({@code unspecified} when empty), stage the lead was in when disqualified ({@code
 * none} when already outside the funnel), channel, original campaign and the lead's owner (with its
 * team).
 */
public final class DisqualificationReasons extends DefinedMart {
  public static final String NAME = "disqualification_reasons";
  static final String UNSPECIFIED = "unspecified";
  static final List<String> KEYS =
      List.of(
          "period_grain",
          "period_start",
          "exit_status",
          "disqualification_reason",
          "from_stage",
          "channel",
          "original_campaign_id",
          "owner_id",
          "team");

  public DisqualificationReasons() {
    super(
        Lakehouse.GOLD,
        NAME,
        KEYS.subList(0, KEYS.size() - 1),
        "Disqualified leads by reason, stage left, source, campaign and owner.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return reasons(
        ctx.table(Lakehouse.SILVER, LeadExits.NAME),
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        FunnelSettings.of(ctx.config()),
        FollowupSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  public static Dataset<Row> reasons(
      Dataset<Row> exits, Dataset<Row> leads, FunnelSettings fs, FollowupSettings fu, ZoneId zone) {
    Inputs.require(
        exits,
        "DisqualificationReasons",
        "lead_id",
        "exit_status",
        "exited_at",
        "exit_reason",
        "from_stage");
    Inputs.require(
        leads,
        "DisqualificationReasons(leads)",
        "lead_id",
        "channel",
        "original_campaign_id",
        "owner_id",
        "team");
    Column reason =
        when(coalesce(length(trim(col("exit_reason"))), lit(0)).gt(0), trim(col("exit_reason")))
            .otherwise(lit(UNSPECIFIED));
    Dataset<Row> dq =
        exits
            .filter(col("exit_status").isin(fu.disqualifiedStatuses().toArray()))
            .select(
                col("lead_id"),
                col("exit_status"),
                col("exited_at"),
                reason.as("disqualification_reason"),
                coalesce(col("from_stage"), lit("none")).as("from_stage"))
            .join(
                leads.select("lead_id", "channel", "original_campaign_id", "owner_id", "team"),
                "lead_id");
    return PeriodGrains.explode(dq, col("exited_at"), "period_start", fs.periodGrains(), zone)
        .groupBy(columns(KEYS))
        .agg(count(lit(1)).as("total_disqualified"));
  }
}
