package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensionKey;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensions;
import static io.funnellake.marts.funnel.Aggregates.named;
import static io.funnellake.marts.funnel.Aggregates.periodGrain;
import static io.funnellake.marts.funnel.Aggregates.rate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.PeriodGrains;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.funnel_cohort_conversion}: ordered cohort conversion (HubSpot "all stages"). The
 * cohort of a lead is the period of its first stage date ({@code entered_funnel_at}); a lead counts
 * in every stage it reached (back-populated stages included; below a mid-funnel entry stage it does
 * not count). Per stage: leads that reached it, that reached the next stage by the end of the run
 * date, and that are censored (not reached the next stage, still in the funnel, and younger than
 * {@code funnel.funnel.conversion_window_days}). next_step_rate = reached next / (entered -
 * censored); cumulative_rate = entered / cohort leads.
 */
public final class CohortConversion extends DefinedMart {
  public static final String NAME = "funnel_cohort_conversion";

  public CohortConversion() {
    super(
        Lakehouse.GOLD,
        NAME,
        periodGrain("cohort_start", "stage"),
        "Ordered cohort conversion by stage, as of the run date, censored leads apart.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return convert(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadDimensionKeys.NAME),
        ctx.table(Lakehouse.SILVER, LeadStageEvents.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone(),
        ctx.runDate());
  }

  /** First occurrences of each lead and stage, with whether the lead reached the next stage. */
  static Dataset<Row> reachedWithNext(Dataset<Row> events) {
    Inputs.require(events, "CohortConversion(events)", "lead_id", "stage_index", "occurrence");
    WindowSpec byStage = LeadStageEvents.FIRST_ENTRIES_IN_STAGE_ORDER;
    return LeadStageEvents.firstEntries(events)
        .select(
            col("lead_id"),
            col("stage_index"),
            coalesce(
                    lead(col("stage_index"), 1).over(byStage).equalTo(col("stage_index").plus(1)),
                    lit(false))
                .as("_next"));
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
      ZoneId zone,
      LocalDate runDate) {
    Inputs.require(
        leads,
        "CohortConversion(leads)",
        "lead_id",
        LeadDimensions.KEY,
        "entered_funnel_at",
        "is_in_funnel",
        "is_within_window");
    int last = fs.stages().leadOrder().size() - 1;
    List<String> cohortKeys = keysWithDimensionKey("period_grain", "cohort_start");
    Dataset<Row> cohorts =
        PeriodGrains.explode(
            leads.select(
                col("lead_id"),
                col(LeadDimensions.KEY),
                col("entered_funnel_at"),
                col("is_in_funnel"),
                col("is_within_window")),
            col("entered_funnel_at"),
            "cohort_start",
            fs.periodGrains(),
            zone);
    Dataset<Row> sizes =
        cohorts.groupBy(columns(cohortKeys)).agg(count(lit(1)).as("total_cohort_leads"));
    Column hasNext = col("stage_index").lt(last);
    List<String> stageKeys = new ArrayList<>(cohortKeys);
    stageKeys.add("stage_index");
    Dataset<Row> perStage =
        cohorts
            .join(reachedWithNext(events), "lead_id")
            .groupBy(columns(stageKeys))
            .agg(
                count(lit(1)).as("total_entered"),
                count_if(col("_next")).as("total_reached_next"),
                count_if(hasNext.and(LeadFunnel.censored(col("_next")))).as("total_censored"));
    List<Column> out =
        new ArrayList<>(List.of(columns(keysWithDimensions("period_grain", "cohort_start"))));
    out.add(StageEvents.stageName(col("stage_index"), fs.stages().leadOrder()).as("stage"));
    out.addAll(
        List.of(
            col("stage_index"),
            col("total_cohort_leads"),
            col("total_entered"),
            col("total_reached_next"),
            col("total_censored"),
            when(
                    hasNext,
                    rate(
                        col("total_reached_next"),
                        col("total_entered").minus(col("total_censored"))))
                .as("next_step_rate"),
            rate(col("total_entered"), col("total_cohort_leads")).as("cumulative_rate"),
            lit(Date.valueOf(runDate)).as("as_of_date")));
    return named(perStage.join(sizes, Joins.using(cohortKeys)), dimensions)
        .select(out.toArray(new Column[0]));
  }
}
