package io.funnellake.marts.completeness;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.funnel.FunnelSettings;
import io.funnellake.marts.leads.LiveLeads;
import io.funnellake.quality.FieldRule;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.data_completeness}: per period grain and period (of the record's {@link #TIME} field,
 * else its load time), source system ({@code _source}), entity and field of each rule of {@code
 * funnel.completeness.rules}: the records the rule applies to (live leads only; with {@code
 * required_at}, leads that reached that stage or a later one, from {@code int_lead_stage_events}),
 * how many have the field filled and how many hold an allowed value; rates, and the trend against
 * the previous period of the same grain (null when that period had no records).
 */
public final class DataCompleteness extends DefinedMart {
  public static final String NAME = "data_completeness";

  /** The time that places a record in a period, per entity. */
  public static final Map<Entity, String> TIME =
      Map.ofEntries(
          Map.entry(Entity.LEADS, "created_at"),
          Map.entry(Entity.LEAD_STATUS_HISTORY, "changed_at"),
          Map.entry(Entity.ACCOUNTS, "created_at"),
          Map.entry(Entity.CAMPAIGNS, "updated_at"),
          Map.entry(Entity.CAMPAIGN_RESPONSES, "responded_at"),
          Map.entry(Entity.SALES_ACTIVITIES, "activity_at"),
          Map.entry(Entity.OPPORTUNITIES, "created_at"),
          Map.entry(Entity.OPPORTUNITY_STAGE_HISTORY, "changed_at"),
          Map.entry(Entity.OPPORTUNITY_CONTACT_ROLES, "created_at"),
          Map.entry(Entity.REPS, "updated_at"),
          Map.entry(Entity.CONTENT_ASSETS, "published_at"),
          Map.entry(Entity.CURRENCY_RATES, "rate_date"));

  public DataCompleteness() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("period_grain", "period_start", "source", "entity", "field"),
        "Completeness and conformance of the agreed fields per source, entity, field and period.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    CompletenessSettings cs = CompletenessSettings.of(ctx.config());
    FunnelSettings fs = FunnelSettings.of(ctx.config());
    Dataset<Row> out = null;
    for (FieldRule r : cs.rules()) {
      Dataset<Row> rows = ctx.silver(r.entity());
      if (r.entity() == Entity.LEADS) {
        rows = LiveLeads.of(rows);
        if (r.requiredAt() != null) {
          rows =
              reached(
                  rows,
                  ctx.table(Lakehouse.SILVER, "int_lead_stage_events"),
                  fs.stageIndex(r.requiredAt()));
        }
      }
      Dataset<Row> one = checked(rows, r);
      out = out == null ? one : out.unionByName(one);
    }
    if (out == null) {
      out =
          checked(
              ctx.silver(Entity.LEADS).limit(0),
              new FieldRule(Entity.LEADS, "lead_id", "lead_id", null, List.of()));
    }
    return aggregate(out, cs.grains(), ctx.reportingZone());
  }

  /** Leads that reached the stage with this index, or a later one. */
  public static Dataset<Row> reached(Dataset<Row> leads, Dataset<Row> events, int stageIndex) {
    Inputs.require(events, "DataCompleteness(events)", "lead_id", "stage_index");
    Dataset<Row> ids =
        events.filter(col("stage_index").geq(stageIndex)).select("lead_id").distinct();
    return leads.join(ids, "lead_id", "left_semi");
  }

  /** One row per record: its time, source, entity, field, and whether it is filled / allowed. */
  public static Dataset<Row> checked(Dataset<Row> rows, FieldRule r) {
    String time = TIME.get(r.entity());
    Inputs.require(rows, "DataCompleteness(" + r.entity().table() + ")", r.column(), time);
    boolean hasSource = List.of(rows.columns()).contains("_source");
    boolean hasLoaded = List.of(rows.columns()).contains("_loaded_at");
    Column at = col(time).cast("timestamp");
    return rows.select(
        (hasLoaded ? coalesce(at, col("_loaded_at")) : at).as("_at"),
        coalesce(hasSource ? col("_source") : lit(null).cast("string"), lit("unknown"))
            .as("source"),
        lit(r.entity().table()).as("entity"),
        lit(r.field()).as("field"),
        lit(r.requiredAt()).cast("string").as("required_at"),
        lit(!r.allowed().isEmpty()).as("has_allowed_values"),
        r.filled(col(r.column())).as("_filled"),
        r.conforming(col(r.column())).as("_conforming"));
  }

  public static Dataset<Row> aggregate(
      Dataset<Row> checked, List<Periods.Grain> grains, ZoneId zone) {
    List<String> key = List.of("period_grain", "period_start", "source", "entity", "field");
    Dataset<Row> agg =
        PeriodGrains.explode(
                checked.filter(col("_at").isNotNull()), col("_at"), "period_start", grains, zone)
            .groupBy(
                col("period_grain"),
                col("period_start"),
                col("source"),
                col("entity"),
                col("field"),
                col("required_at"),
                col("has_allowed_values"))
            .agg(
                count(lit(1)).as("total_records"),
                count_if(col("_filled")).as("total_filled"),
                count_if(col("_conforming")).as("total_conforming"))
            .withColumn(
                "completeness_rate", round(col("total_filled").divide(col("total_records")), 4))
            .withColumn(
                "conformance_rate",
                when(
                    col("total_filled").gt(0),
                    round(col("total_conforming").divide(col("total_filled")), 4)));
    Dataset<Row> previous =
        agg.select(
            col("period_grain"),
            next(col("period_grain"), col("period_start")).as("period_start"),
            col("source"),
            col("entity"),
            col("field"),
            col("completeness_rate").as("previous_completeness_rate"));
    return agg.join(previous, Joins.using(key), "left")
        .select(
            col("period_grain"),
            col("period_start"),
            col("source"),
            col("entity"),
            col("field"),
            col("required_at"),
            col("has_allowed_values"),
            col("total_records"),
            col("total_filled"),
            col("total_conforming"),
            col("completeness_rate"),
            col("conformance_rate"),
            col("previous_completeness_rate"),
            round(col("completeness_rate").minus(col("previous_completeness_rate")), 4)
                .as("completeness_rate_change"));
  }

  /** First day of the period after the one starting at {@code start}. */
  static Column next(Column grain, Column start) {
    return when(grain.equalTo("week"), date_add(start, 7))
        .when(grain.equalTo("month"), add_months(start, 1))
        .otherwise(add_months(start, 3));
  }
}
