package io.funnellake.marts.followup;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.rate;
import static io.funnellake.marts.funnel.Aggregates.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.funnel.FunnelSettings;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.followup_sla_targets}: for each configured speed-to-lead target ({@code
 * funnel.followup.sla_targets}), per period, rep, team and channel: handoffs first touched within
 * the target, and handoffs still pending (untouched, and the target not yet passed at the end of
 * the run date). within_sla_rate = within / (handoffs - pending).
 */
public final class FollowupSlaTargets extends DefinedMart {
  public static final String NAME = "followup_sla_targets";

  public FollowupSlaTargets() {
    super(
        Lakehouse.GOLD,
        NAME,
        grainColumns(),
        "Share of MQL handoffs first touched within each configured SLA target.");
  }

  static List<String> grainColumns() {
    List<String> g = new ArrayList<>(FollowupSla.KEYS);
    g.add("sla_target");
    return g;
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return targets(
        ctx.table(Lakehouse.SILVER, MqlHandoffs.NAME),
        FunnelSettings.of(ctx.config()),
        FollowupSettings.of(ctx.config()),
        ctx.reportingZone(),
        lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
  }

  public static Dataset<Row> targets(
      Dataset<Row> handoffs, FunnelSettings fs, FollowupSettings fu, ZoneId zone, Column asOf) {
    Inputs.require(
        handoffs,
        "FollowupSlaTargets",
        "handed_over_at",
        "rep_id",
        "team",
        "channel",
        "first_touch_at");
    List<Row> rows = new ArrayList<>();
    for (FollowupSettings.SlaTarget t : fu.slaTargets()) {
      rows.add(RowFactory.create(t.name(), t.minutes()));
    }
    Dataset<Row> targets =
        handoffs
            .sparkSession()
            .createDataFrame(
                rows,
                new StructType()
                    .add("sla_target", DataTypes.StringType)
                    .add("sla_minutes", DataTypes.IntegerType));
    Column limit = col("sla_minutes").multiply(60);
    Column within =
        col("first_touch_at")
            .isNotNull()
            .and(seconds(col("handed_over_at"), col("first_touch_at")).leq(limit));
    Column pending =
        col("first_touch_at").isNull().and(seconds(col("handed_over_at"), asOf).lt(limit));
    List<String> keys = new ArrayList<>(FollowupSla.KEYS);
    keys.addAll(List.of("sla_target", "sla_minutes"));
    return PeriodGrains.explode(
            handoffs.crossJoin(targets),
            col("handed_over_at"),
            "period_start",
            fs.periodGrains(),
            zone)
        .groupBy(columns(keys))
        .agg(
            count(lit(1)).as("total_mqls"),
            count_if(within).as("total_within_sla"),
            count_if(pending).as("total_pending"))
        .select(
            col("*"),
            rate(col("total_within_sla"), col("total_mqls").minus(col("total_pending")))
                .as("within_sla_rate"));
  }
}
