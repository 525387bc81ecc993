package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.mean2;
import static io.funnellake.marts.funnel.Aggregates.seconds;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.AsOf;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.followup.LeadTouches;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.lead_aging}: a snapshot, at the end of the run date, of open leads (current stage in
 * {@code funnel.funnel.aging.open_stages}) by current stage, age bucket ({@code aging.buckets},
 * whole days since the current stage was entered, or since funnel entry with {@code age_from =
 * funnel_entry}) and owner. Stale: no touch ({@code int_lead_touches}) for {@code stale_days} days
 * (an untouched lead counts from its entry into the current stage). Reads {@code
 * silver.int_lead_touches}, so it is built after it.
 */
public final class LeadAging extends DefinedMart {
  public static final String NAME = "lead_aging";

  public LeadAging() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("snapshot_date", "current_stage", "age_bucket", "owner_id"),
        "Open leads by current stage, age bucket and owner, with stale and untouched counts.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return aging(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadTouches.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.runDate(),
        lit(AsOf.endOf(ctx.runDate(), ctx.reportingZone())));
  }

  public static Dataset<Row> aging(
      Dataset<Row> leads, Dataset<Row> touches, FunnelSettings fs, LocalDate runDate, Column asOf) {
    Inputs.require(
        leads,
        "LeadAging",
        "lead_id",
        "is_open",
        "current_stage",
        "current_stage_index",
        "current_stage_entered_at",
        "entered_funnel_at",
        "owner_id",
        "team");
    Inputs.require(touches, "LeadAging(touches)", "lead_id", "activity_at", "is_touch");
    Dataset<Row> lastTouch =
        touches
            .filter(col("is_touch").and(col("activity_at").lt(asOf)))
            .groupBy("lead_id")
            .agg(max("activity_at").as("_last_touch_at"));
    Column from =
        fs.ageFromStageEntry() ? col("current_stage_entered_at") : col("entered_funnel_at");
    Column ageDays = seconds(from, asOf).divide(86400.0);
    Column quietSince = coalesce(col("_last_touch_at"), col("current_stage_entered_at"));
    Column stale = seconds(quietSince, asOf).geq(fs.staleDays() * 86400L);
    return leads
        .filter(col("is_open"))
        .join(lastTouch, Joins.using("lead_id"), "left")
        .withColumn("_age", ageDays)
        .withColumn("_bucket", bucket(floor(col("_age")), fs))
        .groupBy(
            col("current_stage"),
            col("current_stage_index"),
            col("_bucket"),
            col("owner_id"),
            col("team"))
        .agg(
            count(lit(1)).as("total_open_leads"),
            count_if(stale).as("total_stale_leads"),
            count_if(col("_last_touch_at").isNull()).as("total_never_touched"),
            mean2(col("_age")).as("mean_age_days"))
        .select(
            lit(Date.valueOf(runDate)).as("snapshot_date"),
            col("current_stage"),
            col("current_stage_index"),
            col("_bucket").getField("label").as("age_bucket"),
            col("_bucket").getField("index").as("age_bucket_index"),
            col("owner_id"),
            col("team"),
            col("total_open_leads"),
            col("total_stale_leads"),
            col("total_never_touched"),
            col("mean_age_days"));
  }

  /** The bucket (label and 0-based index) of a whole number of days. */
  static Column bucket(Column days, FunnelSettings fs) {
    List<String> labels = fs.bucketLabels();
    List<Integer> bounds = fs.agingBuckets();
    Column out =
        struct(lit(labels.get(labels.size() - 1)).as("label"), lit(labels.size() - 1).as("index"));
    for (int i = bounds.size() - 1; i >= 0; i--) {
      out =
          when(days.leq(bounds.get(i)), struct(lit(labels.get(i)).as("label"), lit(i).as("index")))
              .otherwise(out);
    }
    return out;
  }
}
