package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensionKey;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensions;
import static io.funnellake.marts.funnel.Aggregates.named;
import static io.funnellake.marts.funnel.Aggregates.periodGrain;
import static io.funnellake.marts.funnel.Aggregates.rate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.common.Periods;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.funnel_period_conversion}: stage volumes inside each period (FCI / HubSpot "any
 * stage"): leads first entering each stage in the period (back-populated entries included and also
 * counted apart; re-entries counted apart), the next stage's volume in the same period and
 * dimensions, and their ratio; the same over the trailing {@code funnel.funnel.trailing_months} (12
 * months, 4 quarters or 52 weeks, ending with the row's period). Rows exist for periods where the
 * stage or the next stage has volume.
 */
public final class PeriodConversion extends DimensionPartitionedMart {
  public static final String NAME = "funnel_period_conversion";

  public PeriodConversion() {
    super(
        NAME,
        periodGrain("period_start", "stage"),
        "Stage volumes per period and next-stage ratios, also over the trailing 12 months.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return convert(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadDimensionKeys.NAME),
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone());
  }

  /**
   * @param leads {@code int_lead_funnel}
   * @param dimensions {@code int_lead_dimensions}
   * @param events {@code int_lead_stage_events}
   */
  public static Dataset<Row> convert(
      Dataset<Row> leads,
      Dataset<Row> dimensions,
      Dataset<Row> events,
      FunnelSettings fs,
      ZoneId zone) {
    Inputs.require(events, "PeriodConversion(events)", LeadStageEvents.ENTRY_COLUMNS);
    Inputs.require(leads, "PeriodConversion(leads)", "lead_id", LeadDimensions.KEY);
    int last = fs.stages().leadOrder().size() - 1;
    List<String> periodKeys = keysWithDimensionKey("period_grain", "period_start");
    List<String> keys = new ArrayList<>(periodKeys);
    keys.add("stage_index");
    Column first = col("occurrence").equalTo(1);
    Dataset<Row> volume =
        PeriodGrains.explode(
                events.join(leads.select(col("lead_id"), col(LeadDimensions.KEY)), "lead_id"),
                col("entered_at"),
                "period_start",
                fs.periodGrains(),
                zone)
            .groupBy(columns(keys))
            .agg(
                count_if(first).as("total_entered"),
                count_if(first.and(col("is_backfilled"))).as("total_backfilled"),
                count_if(col("occurrence").gt(1)).as("total_reentries"));
    Dataset<Row> next =
        volume
            .filter(col("stage_index").gt(0))
            .select(
                columns(
                    periodKeys,
                    col("stage_index").minus(1).as("stage_index"),
                    col("total_entered").as("total_next_entered")));
    Dataset<Row> both =
        volume
            .join(next, Joins.using(keys), "full_outer")
            .select(
                columns(
                    keys,
                    zero("total_entered"),
                    zero("total_backfilled"),
                    zero("total_reentries"),
                    zero("total_next_entered")));
    Column[] partition = columns(keys.stream().filter(k -> !k.equals("period_start")).toList());
    WindowSpec trailing =
        Window.partitionBy(partition).orderBy(trailingOrder(fs)).rangeBetween(-TRAILING_SPAN, 0);
    Column hasNext = col("stage_index").lt(last);
    Dataset<Row> withTrailing =
        both.select(
            col("*"),
            sum("total_entered").over(trailing).as("trailing_entered"),
            sum("total_next_entered").over(trailing).as("trailing_next_entered"));
    List<Column> out =
        new ArrayList<>(List.of(columns(keysWithDimensions("period_grain", "period_start"))));
    out.add(StageEvents.stageName(col("stage_index"), fs.stages().leadOrder()).as("stage"));
    out.addAll(
        List.of(
            col("stage_index"),
            col("total_entered"),
            col("total_backfilled"),
            col("total_reentries"),
            col("total_next_entered"),
            when(hasNext, rate(col("total_next_entered"), col("total_entered")))
                .as("conversion_rate"),
            col("trailing_entered"),
            col("trailing_next_entered"),
            when(hasNext, rate(col("trailing_next_entered"), col("trailing_entered")))
                .as("trailing_conversion_rate")));
    return named(withTrailing, dimensions).select(out.toArray(new Column[0]));
  }

  /**
   * The trailing window of every grain as one range frame {@code [-TRAILING_SPAN, 0]}: periods are
   * numbered consecutively ({@link #ordinal}) and spaced by {@code TRAILING_SPAN / (n - 1)} for a
   * window of n periods, so exactly the n - 1 periods before a row's fall within the span; the
   * partition holds one grain, so spacings never mix.
   */
  static final long TRAILING_SPAN = 1L << 32;

  private static Column trailingOrder(FunnelSettings fs) {
    Column order = lit(null).cast("long");
    for (Periods.Grain g : fs.periodGrains()) {
      int n = trailingPeriods(g, fs.trailingMonths());
      long spacing = n == 1 ? TRAILING_SPAN + 1 : TRAILING_SPAN / (n - 1);
      order =
          when(col("period_grain").equalTo(g.value()), ordinal(g).cast("long").multiply(spacing))
              .otherwise(order);
    }
    return order;
  }

  private static Column zero(String c) {
    return coalesce(col(c), lit(0L)).as(c);
  }

  /** Consecutive integers for consecutive periods of a grain. */
  static Column ordinal(Periods.Grain g) {
    Column start = col("period_start");
    return switch (g) {
      case DAY -> datediff(start, to_date(lit("1970-01-01")));
      case WEEK -> floor(datediff(start, to_date(lit("1970-01-05"))).divide(7));
      case MONTH -> year(start).multiply(12).plus(month(start));
      case QUARTER -> floor(year(start).multiply(12).plus(month(start)).minus(1).divide(3));
    };
  }

  /** How many periods of a grain make the trailing window: 12 months = 365 days, 52 weeks... */
  static int trailingPeriods(Periods.Grain g, int months) {
    return switch (g) {
      case DAY -> Math.max(1, (int) Math.round(months * 365 / 12.0));
      case WEEK -> Math.max(1, (int) Math.round(months * 52 / 12.0));
      case MONTH -> months;
      case QUARTER -> Math.max(1, (int) Math.round(months / 3.0));
    };
  }
}
