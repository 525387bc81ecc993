package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.InputColumns;
import io.funnellake.marts.common.Periods;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The leads of a backtest, each with its decision time t0, its outcome and its status:
 *
 * <ul>
 *   <li>{@code no_decision}: t0 does not exist by the horizon (e.g. t0 = stage:mql and the lead
 *       never reached MQL);
 *   <li>{@code outcome_before_decision}: the outcome stage was reached at or before t0 (nothing
 *       left to predict, e.g. leads created directly as SQL);
 *   <li>{@code censored}: t0 + W is after the horizon, so the outcome window is not over;
 *   <li>{@code labelled}: {@code is_outcome} = the outcome stage was first reached in (t0, t0 + W].
 * </ul>
 *
 * The horizon is the end of the range's last day in the reporting zone: nothing after it is used,
 * so a backtest over a past range gives the same labels whatever landed since. "Reached stage S" =
 * the occurrence-1 row of S in silver.int_lead_stage_events (back-populated for skipped stages).
 */
public final class BacktestCohort {
  public static final String LABELLED = "labelled";
  public static final String CENSORED = "censored";
  public static final String NO_DECISION = "no_decision";
  public static final String OUTCOME_BEFORE_DECISION = "outcome_before_decision";

  private BacktestCohort() {}

  /**
   * The time window of a backtest: leads created from {@code from} to {@code to} (reporting-zone
   * dates, inclusive); the horizon is the start of the day after {@code to}.
   */
  public record Range(LocalDate from, LocalDate to, ZoneId zone) {
    public Timestamp horizon() {
      return Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Days in the range, both ends included. */
    public long days() {
      return to.toEpochDay() - from.toEpochDay() + 1;
    }
  }

  /**
   * @param leads {@link ScoringInputs#leads} (other columns pass through)
   * @param stageEvents silver.int_lead_stage_events: {@code lead_id, stage, occurrence, entered_at}
   * @return the leads created in the range, plus {@code decision_at, outcome_at, cohort_status,
   *     is_outcome} (null unless labelled) and {@code is_fit_point_in_time} (the silver record was
   *     last updated at or before t0, so its fit attributes are as of t0)
   */
  public static Dataset<Row> build(
      Dataset<Row> leads,
      Dataset<Row> stageEvents,
      Range range,
      DecisionTime decision,
      String outcomeStage,
      int windowDays) {
    InputColumns.require("BacktestCohort.build", leads, "lead_id", "created_at", "updated_at");
    InputColumns.require(
        "BacktestCohort.build", stageEvents, "lead_id", "stage", "occurrence", "entered_at");
    Column created = Periods.localDate(col("created_at"), range.zone());
    Dataset<Row> inRange =
        leads.filter(
            created
                .geq(lit(java.sql.Date.valueOf(range.from())))
                .and(created.leq(lit(java.sql.Date.valueOf(range.to())))));
    Dataset<Row> withOutcome =
        inRange.join(firstEntry(stageEvents, outcomeStage, "outcome_at"), "lead_id", "left");
    Column anchor = col("created_at");
    if (decision.anchoredOnStage()) {
      withOutcome =
          withOutcome.join(
              firstEntry(stageEvents, decision.stage(), "_anchor_at"), "lead_id", "left");
      anchor = col("_anchor_at");
    }
    Column horizon = lit(range.horizon());
    Column t0 = col("decision_at");
    Column windowEnd = t0.plus(expr("INTERVAL " + windowDays + " DAYS"));
    Column status =
        when(t0.isNull().or(t0.gt(horizon)), lit(NO_DECISION))
            .when(col("outcome_at").leq(t0), lit(OUTCOME_BEFORE_DECISION))
            .when(windowEnd.gt(horizon), lit(CENSORED))
            .otherwise(lit(LABELLED));
    Dataset<Row> out =
        withOutcome
            .withColumn("decision_at", decision.from(anchor))
            .withColumn("cohort_status", status)
            .withColumn(
                "is_outcome",
                when(
                    col("cohort_status").equalTo(LABELLED),
                    col("outcome_at").isNotNull().and(col("outcome_at").leq(windowEnd))))
            .withColumn("is_fit_point_in_time", coalesce(col("updated_at").leq(t0), lit(false)));
    return decision.anchoredOnStage() ? out.drop("_anchor_at") : out;
  }

  /** First entry (occurrence 1) into a stage per lead; min() guards the grain. */
  static Dataset<Row> firstEntry(Dataset<Row> stageEvents, String stage, String as) {
    return stageEvents
        .filter(col("stage").equalTo(stage).and(col("occurrence").equalTo(1)))
        .groupBy("lead_id")
        .agg(min("entered_at").as(as));
  }
}
