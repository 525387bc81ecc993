package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.Mart;
import io.funnellake.marts.common.AsOf;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestMarts;
import io.funnellake.testing.TestRows;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversion, velocity, cycle length and time in stage on a hand-made history (run date 2025-11-30,
 * so "as of" is 2025-12-01 00:00 UTC; conversion window 90 days; month grain only).
 *
 * <p>A: lead Aug 1, mql Aug 2, sql Aug 10, lost Sep 1 (skipped sal, never an opportunity). B: lead
 * Aug 3, mql Aug 4, sql Aug 5, won Aug 20 (skipped sal and opportunity). C: lead Aug 5, mql Aug 6,
 * sql Aug 7, disqualified Aug 8. D: lead Nov 20, still a lead (young). E: lead Nov 21, disqualified
 * Nov 22 (young, but out). All at 09:00 UTC, same dimensions.
 */
class FunnelConversionTest {
  @TempDir static Path tmp;
  static Map<String, Dataset<Row>> t;

  @BeforeAll
  static void build() {
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,channel,sourced_by,owner_id",
            "A,ka,2025-08-01T09:00:00Z,2025-09-01T09:00:00Z,lost,webinar,marketing,R1",
            "B,kb,2025-08-03T09:00:00Z,2025-08-20T09:00:00Z,won,webinar,marketing,R1",
            "C,kc,2025-08-05T09:00:00Z,2025-08-08T09:00:00Z,disqualified,webinar,marketing,R1",
            "D,kd,2025-11-20T09:00:00Z,2025-11-20T09:00:00Z,lead,webinar,marketing,R1",
            "E,ke,2025-11-21T09:00:00Z,2025-11-22T09:00:00Z,disqualified,webinar,marketing,R1");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status",
            "A,2025-08-01T09:00:00Z,lead",
            "A,2025-08-02T09:00:00Z,mql",
            "A,2025-08-10T09:00:00Z,sql",
            "A,2025-09-01T09:00:00Z,lost",
            "B,2025-08-03T09:00:00Z,lead",
            "B,2025-08-04T09:00:00Z,mql",
            "B,2025-08-05T09:00:00Z,sql",
            "B,2025-08-20T09:00:00Z,won",
            "C,2025-08-05T09:00:00Z,lead",
            "C,2025-08-06T09:00:00Z,mql",
            "C,2025-08-07T09:00:00Z,sql",
            "C,2025-08-08T09:00:00Z,disqualified",
            "D,2025-11-20T09:00:00Z,lead",
            "E,2025-11-21T09:00:00Z,lead",
            "E,2025-11-22T09:00:00Z,disqualified");
    t =
        TestMarts.build(
            tmp,
            "2025-11-30",
            Map.of("silver.leads", leads, "silver.lead_status_history", history),
            List.<Mart>of(
                new LeadStageEvents(),
                new LeadExits(),
                new LeadFunnel(),
                new LeadDimensionKeys(),
                new CohortConversion(),
                new PeriodConversion(),
                new EndToEndConversion(),
                new StageVelocity(),
                new SalesCycleLength(),
                new TimeInStage()),
            "funnel.funnel.period_grains",
            "[month]");
  }

  static Dataset<Row> gold(String name) {
    return t.get("gold." + name);
  }

  @Test
  void orderedCohortCountsOnlyStagesReachedAndTheDisqualifiedSqlAsAnSql() {
    // A (lost as an SQL) never reached opportunity: it counts up to sql only. B won, so its
    // skipped opportunity is back-populated. C was disqualified as an SQL and counts at sql.
    assertEquals(
        List.of(
            "2025-08-01|lead|3|3|3|0|1.0|1.0",
            "2025-08-01|mql|3|3|3|0|1.0|1.0",
            "2025-08-01|opportunity|3|1|1|0|1.0|0.3333",
            "2025-08-01|sal|3|3|3|0|1.0|1.0",
            "2025-08-01|sql|3|3|1|0|0.3333|1.0",
            "2025-08-01|won|3|1|0|0|-|0.3333",
            // D is young and still a lead: censored, not a failure; E is young but out: failure
            "2025-11-01|lead|2|2|0|1|0.0|1.0"),
        TestRows.of(
            gold("funnel_cohort_conversion"),
            "cohort_start",
            "stage",
            "total_cohort_leads",
            "total_entered",
            "total_reached_next",
            "total_censored",
            "next_step_rate",
            "cumulative_rate"));
  }

  @Test
  void endToEndConversionLeavesCensoredLeadsOutOfTheDenominator() {
    assertEquals(
        List.of("2025-08-01|3|3|1|1|0|0|0.3333|0.3333", "2025-11-01|2|0|0|0|1|0|0.0|-"),
        TestRows.of(
            gold("funnel_end_to_end_conversion"),
            "cohort_start",
            "total_leads",
            "total_mqls",
            "total_won",
            "total_won_from_mql",
            "total_censored",
            "total_censored_mqls",
            "lead_to_won_rate",
            "mql_to_won_rate"));
  }

  @Test
  void periodVolumesCountFirstEntriesPerPeriodWithBackfilledApart() {
    // August: lead 3, mql 3, sal 3 (all back-populated), sql 3, opportunity 1 (B, back-populated),
    // won 1. September has no stage entry (A's exit is not a stage). November: D and E as leads.
    assertEquals(
        List.of(
            "2025-08-01|lead|3|0|3|1.0|3|3|1.0",
            "2025-08-01|mql|3|0|3|1.0|3|3|1.0",
            "2025-08-01|opportunity|1|1|1|1.0|1|1|1.0",
            "2025-08-01|sal|3|3|3|1.0|3|3|1.0",
            "2025-08-01|sql|3|0|1|0.3333|3|1|0.3333",
            "2025-08-01|won|1|0|0|-|1|0|-",
            "2025-11-01|lead|2|0|0|0.0|5|3|0.6"),
        TestRows.of(
            gold("funnel_period_conversion"),
            "period_start",
            "stage",
            "total_entered",
            "total_backfilled",
            "total_next_entered",
            "conversion_rate",
            "trailing_entered",
            "trailing_next_entered",
            "trailing_conversion_rate"));
  }

  @Test
  void trailingWindowsHoldExactlyTheirPeriodsAtEveryGrain() {
    // 1 lead enters in January 2025, 2 in February, 4 in March, 8 in April (each on the 1st):
    // sums of distinct powers of two show which periods a window holds. 3 trailing months are
    // 13 weeks, 3 months and 1 quarter.
    FunnelSettings fs =
        FunnelSettings.of(
            io.funnellake.testing.TestConfigs.config(
                tmp,
                tmp,
                "2025-11-30",
                "funnel.funnel.trailing_months",
                "3",
                "funnel.funnel.period_grains",
                "[week, month, quarter]"));
    List<String> lines = new java.util.ArrayList<>();
    int n = 0;
    for (String[] month : new String[][] {{"01", "1"}, {"02", "2"}, {"03", "4"}, {"04", "8"}}) {
      for (int i = 0; i < Integer.parseInt(month[1]); i++) {
        lines.add("L" + n++ + ",0,1,2025-" + month[0] + "-01 09:00:00,false");
      }
    }
    Dataset<Row> events =
        TestFrames.strings(
                "lead_id,stage_index,occurrence,entered_at,is_backfilled",
                lines.toArray(String[]::new))
            .select(
                col("lead_id"),
                col("stage_index").cast("int").as("stage_index"),
                col("occurrence").cast("int").as("occurrence"),
                col("entered_at").cast("timestamp").as("entered_at"),
                col("is_backfilled").cast("boolean").as("is_backfilled"));
    Dataset<Row> leads = events.select(col("lead_id"), functions.lit(7L).as("dimension_key"));
    Dataset<Row> dimensions =
        leads.limit(1).select(col("dimension_key"), functions.lit("webinar").as("channel"));
    for (String d : LeadDimensions.NAMES.subList(1, LeadDimensions.NAMES.size())) {
      dimensions = dimensions.withColumn(d, functions.lit("unknown"));
    }
    Dataset<Row> out =
        PeriodConversion.convert(leads, dimensions, events, fs, ZoneOffset.UTC)
            .filter(col("stage").equalTo("lead"));
    assertEquals(
        List.of(
            // Apr 1's week (Mar 31) holds Mar 1's (Feb 24, 5 weeks back) and Feb 1's (Jan 27,
            // 9 back), not Jan 1's (Dec 30, exactly 13 back)
            "week|2024-12-30|1|1",
            "week|2025-01-27|2|3",
            "week|2025-02-24|4|7",
            "week|2025-03-31|8|14",
            "month|2025-01-01|1|1",
            "month|2025-02-01|2|3",
            "month|2025-03-01|4|7",
            "month|2025-04-01|8|14",
            "quarter|2025-01-01|7|7",
            "quarter|2025-04-01|8|8"),
        TestRows.of(out, "period_grain", "period_start", "total_entered", "trailing_entered")
            .stream()
            .sorted(
                java.util.Comparator.comparing(
                    (String r) -> List.of("week", "month", "quarter").indexOf(r.split("\\|")[0])))
            .toList());
  }

  @Test
  void velocityIsTheTimeBetweenFirstEntriesOfConsecutiveStages() {
    // mql -> sal: A 8 days (sal back-populated at its sql), B 1, C 1: median 1, p90 1 + 0.8 x 7
    assertEquals(
        List.of(
            "lead|mql|3|0|1.0|1.0|1.0",
            "mql|sal|3|3|3.33|1.0|6.6",
            "opportunity|won|1|1|0.0|0.0|0.0",
            "sal|sql|3|3|0.0|0.0|0.0",
            "sql|opportunity|1|1|15.0|15.0|15.0"),
        TestRows.of(
            gold("stage_velocity"),
            "from_stage",
            "to_stage",
            "total_leads",
            "total_backfilled",
            "mean_days",
            "median_days",
            "p90_days"));
  }

  @Test
  void salesCycleRunsFromFirstStageToWon() {
    assertEquals(
        List.of("2025-08-01|marketing|1|17.0|17.0|17.0|1|16.0|16.0"),
        TestRows.of(
            gold("sales_cycle_length"),
            "period_start",
            "sourced_by",
            "total_won",
            "mean_days",
            "median_days",
            "p90_days",
            "total_won_after_handoff",
            "mean_days_from_handoff",
            "median_days_from_handoff"));
  }

  @Test
  void aReMqlHasLatestAndCumulativeTimeInStage() {
    Dataset<Row> events =
        TestFrames.strings(
                "lead_id,stage,stage_index,occurrence,entered_at,exited_at",
                "L3,lead,0,1,2025-11-01 09:00:00,2025-11-04 09:00:00",
                "L3,mql,1,1,2025-11-04 09:00:00,2025-11-10 09:00:00",
                "L3,mql,1,2,2025-11-20 09:00:00,2025-11-25 09:00:00",
                "L3,sal,2,1,2025-11-25 09:00:00,2025-11-25 09:00:00",
                "L3,sql,3,1,2025-11-25 09:00:00,")
            .select(
                col("lead_id"),
                col("stage"),
                col("stage_index").cast("int").as("stage_index"),
                col("occurrence").cast("int").as("occurrence"),
                col("entered_at").cast("timestamp").as("entered_at"),
                col("exited_at").cast("timestamp").as("exited_at"));
    var asOf = functions.lit(AsOf.endOf(LocalDate.parse("2025-11-30"), ZoneOffset.UTC));
    // mql: 6 days, then 5 days: latest 5, cumulative 11; sql still open: Nov 25 09:00 -> Dec 1
    assertEquals(
        List.of(
            "L3|lead|1|3.0|3.0|false",
            "L3|mql|2|5.0|11.0|false",
            "L3|sal|1|0.0|0.0|false",
            "L3|sql|1|5.625|5.625|true"),
        TestRows.of(
            TimeInStage.perLeadStage(events, asOf),
            "lead_id",
            "stage",
            "occurrences",
            "latest_days",
            "cumulative_days",
            "is_in_stage"));
  }

  @Test
  void timeInStageAggregatesByFirstEntryPeriod() {
    assertEquals(
        List.of(
            "2025-08-01|lead|3|0|1.0|1.0|1.0",
            "2025-08-01|mql|3|0|3.33|1.0|3.33",
            "2025-08-01|opportunity|1|0|0.0|0.0|0.0",
            "2025-08-01|sal|3|0|0.0|0.0|0.0",
            // sql: A 22 days (to lost), B 15 (to won), C 1 (to disqualified)
            "2025-08-01|sql|3|0|12.67|15.0|12.67",
            // B has been won since Aug 20 09:00: 102.625 days at Dec 1 00:00
            "2025-08-01|won|1|1|102.63|102.63|102.63",
            // D a lead since Nov 20 09:00 (10.625 days), E one day
            "2025-11-01|lead|2|1|5.81|5.81|5.81"),
        TestRows.of(
            gold("time_in_stage"),
            "period_start",
            "stage",
            "total_leads",
            "total_in_stage",
            "mean_latest_days",
            "median_latest_days",
            "mean_cumulative_days"));
  }

  @Test
  void everyTableIsUniqueOnItsGrain() {
    for (Mart m : FunnelMarts.all()) {
      Dataset<Row> df = t.get(m.layer() + "." + m.name());
      if (df == null) {
        continue;
      }
      var cols = m.grain().stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new);
      assertEquals(df.count(), df.select(cols).distinct().count(), "grain of " + m.name());
      assertEquals(0, df.filter(functions.concat(cols).isNull()).count(), "null grain " + m.name());
    }
  }
}
