package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.leads.LiveLeads;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.scoring_split_arms}: the live split ({@code funnel.scoring.split}) as of the run
 * date. Leads created from the split's start date are assigned to arms by {@link HashSplit}; a
 * lead's outcome is reaching the outcome stage within the window after its creation; leads whose
 * window is not over by the end of the run date are censored. Per arm: the outcome rate with a
 * Wilson interval; each other arm is compared with the control (the first arm) by a two-proportion
 * z-test with a Wald interval of the difference ({@link Stats#twoProportion}). Empty while the
 * split is disabled.
 */
public final class ScoringSplitArms extends DefinedMart {
  public static final String NAME = "scoring_split_arms";

  public ScoringSplitArms() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("split_id", "arm"),
        "Live scoring split: outcome rate per arm and its difference from the control arm.");
  }

  static final StructType SCHEMA =
      new StructType()
          .add("split_id", DataTypes.StringType)
          .add("arm", DataTypes.StringType)
          .add("variant_id", DataTypes.StringType)
          .add("is_control", DataTypes.BooleanType)
          .add("share_percent", DataTypes.IntegerType)
          .add("as_of_date", DataTypes.DateType)
          .add("total_leads", DataTypes.LongType)
          .add("total_censored", DataTypes.LongType)
          .add("total_labelled", DataTypes.LongType)
          .add("total_outcomes", DataTypes.LongType)
          .add("outcome_rate", DataTypes.DoubleType)
          .add("outcome_rate_ci_low", DataTypes.DoubleType)
          .add("outcome_rate_ci_high", DataTypes.DoubleType)
          .add("diff_vs_control", DataTypes.DoubleType)
          .add("diff_ci_low", DataTypes.DoubleType)
          .add("diff_ci_high", DataTypes.DoubleType)
          .add("z_statistic", DataTypes.DoubleType)
          .add("p_value", DataTypes.DoubleType);

  @Override
  public Dataset<Row> build(MartContext ctx) {
    ScoringSettings.Split split = ScoringSettings.of(ctx.config()).split();
    if (!split.enabled()) {
      return ctx.spark().createDataFrame(new ArrayList<Row>(), SCHEMA);
    }
    Timestamp asOf =
        Timestamp.from(ctx.runDate().plusDays(1).atStartOfDay(ctx.reportingZone()).toInstant());
    Dataset<Row> leads =
        LiveLeads.of(ctx.silver(Entity.LEADS))
            .filter(
                Periods.localDate(col("created_at"), ctx.reportingZone())
                    .geq(lit(Date.valueOf(split.startDate())))
                    .and(col("created_at").lt(lit(asOf))));
    Dataset<Row> outcomes =
        BacktestCohort.firstEntry(
            ctx.table(Lakehouse.SILVER, ExperimentInputs.STAGE_EVENTS),
            split.outcomeStage(),
            "outcome_at");
    Column windowEnd =
        col("created_at").plus(expr("INTERVAL " + split.outcomeWindowDays() + " DAYS"));
    Column censored = windowEnd.gt(lit(asOf));
    Column outcome = censored.unary_$bang().and(col("outcome_at").leq(windowEnd));
    // one aggregate row per arm: bounded by the number of arms
    Map<String, Row> byArm = new HashMap<>();
    for (Row r :
        HashSplit.assign(leads.join(outcomes, "lead_id", "left"), split.salt(), split.arms())
            .groupBy("arm")
            .agg(
                count(lit(1)),
                sum(when(censored, 1L).otherwise(0L)),
                sum(when(outcome, 1L).otherwise(0L)))
            .collectAsList()) {
      byArm.put(r.getString(0), r);
    }
    return ctx.spark().createDataFrame(rows(split, ctx, byArm), SCHEMA);
  }

  static List<Row> rows(ScoringSettings.Split split, MartContext ctx, Map<String, Row> byArm) {
    List<Row> out = new ArrayList<>();
    HashSplit.Arm control = split.arms().get(0);
    long[] c = totals(byArm.get(control.name()));
    for (HashSplit.Arm a : split.arms()) {
      long[] t = totals(byArm.get(a.name()));
      long labelled = t[0] - t[1];
      Double rate = labelled == 0 ? null : round((double) t[2] / labelled);
      double[] ci = labelled == 0 ? null : Stats.wilson(t[2], labelled, split.confidence());
      Stats.TwoProportion test = null;
      long controlLabelled = c[0] - c[1];
      if (a != control && labelled > 0 && controlLabelled > 0) {
        test = Stats.twoProportion(t[2], labelled, c[2], controlLabelled, split.confidence());
      }
      out.add(
          RowFactory.create(
              split.id(),
              a.name(),
              a.variant(),
              a == control,
              a.share(),
              Date.valueOf(ctx.runDate()),
              t[0],
              t[1],
              labelled,
              t[2],
              rate,
              ci == null ? null : round(ci[0]),
              ci == null ? null : round(ci[1]),
              test == null ? null : round(test.diff()),
              test == null ? null : round(test.ciLow()),
              test == null ? null : round(test.ciHigh()),
              test == null || test.z() == null ? null : round(test.z()),
              test == null ? null : round(test.pValue())));
    }
    return out;
  }

  /** {leads, censored, outcomes} of an arm; zeros for an arm without leads. */
  private static long[] totals(Row r) {
    return r == null ? new long[3] : new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
  }

  private static double round(double v) {
    return Stats.round(v, BacktestMetrics.DIGITS);
  }
}
