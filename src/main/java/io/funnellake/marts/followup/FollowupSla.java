package io.funnellake.marts.followup;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.pct;
import static io.funnellake.marts.funnel.Aggregates.ranked;
import static io.funnellake.marts.funnel.Aggregates.rate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

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
 * {@code gold.followup_sla}: follow-up of MQL handoffs ({@code int_mql_handoffs}) per period of the
 * handoff, credited rep, team and channel: handoffs, touched and never touched, median and p90
 * minutes to the first touch (touched handoffs), touches per handoff, properly worked (and still
 * pending). properly_worked_rate = worked / (handoffs - pending).
 */
public final class FollowupSla extends DefinedMart {
  public static final String NAME = "followup_sla";
  static final List<String> KEYS =
      List.of("period_grain", "period_start", "rep_id", "team", "channel");

  public FollowupSla() {
    super(
        Lakehouse.GOLD,
        NAME,
        KEYS,
        "MQL follow-up per period, rep, team and channel: speed to lead, touches, worked.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return followup(
        ctx.table(Lakehouse.SILVER, MqlHandoffs.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  public static Dataset<Row> followup(Dataset<Row> handoffs, FunnelSettings fs, ZoneId zone) {
    Inputs.require(
        handoffs,
        "FollowupSla",
        "handed_over_at",
        "rep_id",
        "team",
        "channel",
        "first_touch_at",
        "minutes_to_first_touch",
        "total_touches",
        "is_properly_worked",
        "is_worked_pending");
    return ranked(
            PeriodGrains.explode(
                handoffs, col("handed_over_at"), "period_start", fs.periodGrains(), zone),
            KEYS,
            "minutes_to_first_touch")
        .groupBy(columns(KEYS))
        .agg(
            count(lit(1)).as("total_mqls"),
            count_if(col("first_touch_at").isNotNull()).as("total_touched"),
            count_if(col("first_touch_at").isNull()).as("total_never_touched"),
            sum("total_touches").as("total_touches"),
            pct("minutes_to_first_touch", 0.5).as("median_minutes_to_first_touch"),
            pct("minutes_to_first_touch", 0.9).as("p90_minutes_to_first_touch"),
            count_if(col("is_properly_worked")).as("total_properly_worked"),
            count_if(col("is_worked_pending")).as("total_worked_pending"))
        .select(
            col("*"),
            rate(col("total_touches"), col("total_mqls")).as("touches_per_mql"),
            rate(col("total_never_touched"), col("total_mqls")).as("never_touched_rate"),
            rate(col("total_properly_worked"), col("total_mqls").minus(col("total_worked_pending")))
                .as("properly_worked_rate"));
  }
}
