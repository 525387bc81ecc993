package io.funnellake.marts.funnel;

import static io.funnellake.marts.funnel.Aggregates.columns;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensionKey;
import static io.funnellake.marts.funnel.Aggregates.keysWithDimensions;
import static io.funnellake.marts.funnel.Aggregates.named;
import static io.funnellake.marts.funnel.Aggregates.rate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.PeriodGrains;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.funnel_end_to_end_conversion}: lead -> won and MQL -> won by cohort (period of the
 * lead's first stage date) and dimensions, as of the run date. A lead reached MQL when it has an
 * occurrence of {@code funnel.funnel.handoff_stage} (back-populated included), won when it has one
 * of {@code won_stage}. Leads not won, still in the funnel and younger than the conversion window
 * are censored and left out of the rates' denominators.
 */
public final class EndToEndConversion extends DefinedMart {
  public static final String NAME = "funnel_end_to_end_conversion";

  public EndToEndConversion() {
    super(
        Lakehouse.GOLD,
        NAME,
        keysWithDimensions("period_grain", "cohort_start"),
        "Lead to won and MQL to won conversion by cohort and dimensions, censored apart.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return convert(
        ctx.table(Lakehouse.SILVER, LeadFunnel.NAME),
        ctx.table(Lakehouse.SILVER, LeadDimensionKeys.NAME),
        FunnelSettings.of(ctx.config()),
        ctx.reportingZone(),
        ctx.runDate());
  }

  /**
   * @param leads {@code int_lead_funnel}
   * @param dimensions {@code int_lead_dimensions}
   */
  public static Dataset<Row> convert(
      Dataset<Row> leads,
      Dataset<Row> dimensions,
      FunnelSettings fs,
      ZoneId zone,
      LocalDate runDate) {
    Inputs.require(
        leads,
        "EndToEndConversion",
        LeadDimensions.KEY,
        "entered_funnel_at",
        "handoff_at",
        "won_at",
        "is_in_funnel",
        "is_within_window");
    Column mql = col("handoff_at").isNotNull();
    Column won = col("won_at").isNotNull();
    Column censored = LeadFunnel.censored(won);
    Dataset<Row> grouped =
        PeriodGrains.explode(
                leads, col("entered_funnel_at"), "cohort_start", fs.periodGrains(), zone)
            .groupBy(columns(keysWithDimensionKey("period_grain", "cohort_start")))
            .agg(
                count(lit(1)).as("total_leads"),
                count_if(mql).as("total_mqls"),
                count_if(won).as("total_won"),
                count_if(mql.and(won)).as("total_won_from_mql"),
                count_if(censored).as("total_censored"),
                count_if(mql.and(censored)).as("total_censored_mqls"));
    return named(grouped, dimensions)
        .select(
            columns(
                keysWithDimensions("period_grain", "cohort_start"),
                col("total_leads"),
                col("total_mqls"),
                col("total_won"),
                col("total_won_from_mql"),
                col("total_censored"),
                col("total_censored_mqls"),
                rate(col("total_won"), col("total_leads").minus(col("total_censored")))
                    .as("lead_to_won_rate"),
                rate(col("total_won_from_mql"), col("total_mqls").minus(col("total_censored_mqls")))
                    .as("mql_to_won_rate"),
                lit(Date.valueOf(runDate)).as("as_of_date")));
  }
}
