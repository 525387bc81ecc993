package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.InputColumns;
import io.funnellake.marts.scoring.Variant.Band;
import io.funnellake.marts.scoring.Variant.Condition;
import io.funnellake.marts.scoring.Variant.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Scores leads at their decision time with one or more variants, from events at or before that time
 * only (the as-of join: {@code responded_at <= decision_at}). Used by the nightly scores (t0 = the
 * end of the run date) and by backtests (t0 per lead).
 *
 * <p>Each rule's contribution is rounded to 6 decimals and summed as a decimal, so a score does not
 * depend on the order Spark adds contributions in: re-runs give bit-identical scores.
 */
public final class PointInTimeScoring {
  /** Rules named in {@code top_reasons}. */
  public static final int TOP_REASONS = 3;

  static final DecimalType POINTS = DataTypes.createDecimalType(20, 6);

  private PointInTimeScoring() {}

  /**
   * One row per variant, lead and rule that gave the lead points: {@code variant_id, lead_id,
   * rule_id, points} (decimal). Fit rules count once; behaviour rules per event at or before the
   * lead's {@code decision_at} (most recent {@code max_count} events, within {@code within_days},
   * decayed by the variant's half-life).
   *
   * @param leads {@code lead_id, decision_at} and the fit fields
   * @param events {@code lead_id, response_id, responded_at} and the event fields
   */
  public static Dataset<Row> contributions(
      List<Variant> variants, Dataset<Row> leads, Dataset<Row> events) {
    InputColumns.require("PointInTimeScoring.contributions", leads, "lead_id", "decision_at");
    InputColumns.require(
        "PointInTimeScoring.contributions", events, "lead_id", "response_id", "responded_at");
    List<Column> fit = new ArrayList<>();
    List<Column> behaviour = new ArrayList<>();
    Column age =
        col("decision_at").cast("double").minus(col("responded_at").cast("double")).divide(86400);
    for (Variant v : variants) {
      for (Rule r : v.fit()) {
        fit.add(
            struct(
                lit(v.id()).as("variant_id"),
                lit(r.id()).as("rule_id"),
                when(matches(r), lit(r.points())).as("points")));
      }
      for (Rule r : v.behaviour()) {
        Column cond = matches(r);
        if (r.withinDays() != null) {
          cond = cond.and(col("_age_days").leq(r.withinDays()));
        }
        behaviour.add(
            struct(
                lit(v.id()).as("variant_id"),
                lit(r.id()).as("rule_id"),
                when(cond, lit(r.points())).as("points"),
                lit(r.maxCount()).cast("int").as("max_count"),
                lit(v.halfLifeDays()).cast("double").as("half_life")));
      }
    }
    Dataset<Row> out = null;
    if (!fit.isEmpty()) {
      out =
          leads
              .select(col("lead_id"), array(fit.toArray(new Column[0])).as("_m"))
              .select(
                  col("lead_id"), explode(expr("filter(_m, x -> x.points IS NOT NULL)")).as("m"))
              .select(
                  col("m.variant_id"),
                  col("lead_id"),
                  col("m.rule_id"),
                  col("m.points").cast(POINTS).as("points"));
    }
    if (!behaviour.isEmpty()) {
      Dataset<Row> t0 = leads.select(col("lead_id").as("_lid"), col("decision_at"));
      // the as-of join: only events at or before the lead's decision time exist for the score
      Dataset<Row> seen =
          events
              .join(t0, events.col("lead_id").equalTo(t0.col("_lid")))
              .filter(col("responded_at").leq(col("decision_at")))
              .withColumn("_age_days", age);
      Dataset<Row> matched =
          seen.withColumn("_m", array(behaviour.toArray(new Column[0])))
              .select(
                  col("lead_id"),
                  col("response_id"),
                  col("responded_at"),
                  col("_age_days"),
                  explode(expr("filter(_m, x -> x.points IS NOT NULL)")).as("m"));
      // most recent events first, so that max_count keeps the freshest (and least decayed)
      Dataset<Row> ranked =
          matched
              .withColumn(
                  "_rn",
                  row_number()
                      .over(
                          Window.partitionBy(col("m.variant_id"), col("lead_id"), col("m.rule_id"))
                              .orderBy(col("responded_at").desc(), col("response_id"))))
              .filter(col("m.max_count").isNull().or(col("_rn").leq(col("m.max_count"))));
      Column decay =
          when(col("m.half_life").isNull(), lit(1.0))
              .otherwise(pow(lit(0.5), col("_age_days").divide(col("m.half_life"))));
      Dataset<Row> b =
          ranked
              .select(
                  col("m.variant_id").as("variant_id"),
                  col("lead_id"),
                  col("m.rule_id").as("rule_id"),
                  col("m.points").multiply(decay).cast(POINTS).as("points"))
              .groupBy("variant_id", "lead_id", "rule_id")
              .agg(sum("points").cast(POINTS).as("points"));
      out = out == null ? b : out.unionByName(b);
    }
    if (out == null) {
      return leads
          .sparkSession()
          .createDataFrame(
              new ArrayList<Row>(),
              new org.apache.spark.sql.types.StructType()
                  .add("variant_id", "string")
                  .add("lead_id", "string")
                  .add("rule_id", "string")
                  .add("points", POINTS));
    }
    return out;
  }

  /**
   * Every lead scored by every variant: the lead's columns plus {@code variant_id, score, band,
   * is_mql, top_reasons}. {@code top_reasons} names the {@value #TOP_REASONS} rules with the
   * largest absolute contribution, e.g. {@code demo_request +40.0; title_senior +20.0}, or null
   * when no rule applied.
   *
   * @param leads {@code lead_id, decision_at} and the fit fields (other columns pass through)
   */
  public static Dataset<Row> score(
      List<Variant> variants, Dataset<Row> leads, Dataset<Row> events) {
    Dataset<Row> contributions = contributions(variants, leads, events);
    Dataset<Row> agg =
        contributions
            .groupBy("variant_id", "lead_id")
            .agg(
                sum("points").as("_raw"),
                sort_array(
                        collect_list(
                            struct(
                                abs(col("points")).multiply(-1).as("k"),
                                col("rule_id"),
                                col("points"))))
                    .as("_reasons"));
    Dataset<Row> ids =
        leads
            .sparkSession()
            .createDataset(variants.stream().map(Variant::id).toList(), Encoders.STRING())
            .toDF("variant_id");
    Dataset<Row> base = leads.crossJoin(broadcast(ids));
    Dataset<Row> joined =
        base.join(
            agg,
            scala.collection.JavaConverters.asScalaBuffer(List.of("variant_id", "lead_id")).toSeq(),
            "left");
    Column raw = coalesce(col("_raw"), lit(0).cast(POINTS)).cast("double");
    Column score = null;
    for (Variant v : variants) {
      Column s =
          v.isLogistic()
              ? round(lit(100.0).divide(lit(1.0).plus(exp(lit(-v.intercept()).minus(raw)))), 6)
              : raw;
      score =
          score == null
              ? when(col("variant_id").equalTo(v.id()), s)
              : score.when(col("variant_id").equalTo(v.id()), s);
    }
    Dataset<Row> scored = joined.withColumn("score", score);
    return scored
        .withColumn("band", band(variants))
        .withColumn("is_mql", mql(variants))
        .withColumn(
            "top_reasons",
            expr(
                "CASE WHEN size(_reasons) > 0 THEN concat_ws('; ', transform(slice(_reasons, 1, "
                    + TOP_REASONS
                    + "), x -> format_string('%s %+.1f', x.rule_id, CAST(x.points AS DOUBLE))))"
                    + " END"))
        .drop("_raw", "_reasons");
  }

  /** The band of {@code score} for the row's {@code variant_id}. */
  static Column band(List<Variant> variants) {
    Column out = null;
    for (Variant v : variants) {
      for (Band b : v.bands()) {
        Column cond = col("variant_id").equalTo(v.id());
        if (b.min() != null) {
          cond = cond.and(col("score").geq(b.min()));
        }
        if (b.max() != null) {
          cond = cond.and(col("score").lt(b.max()));
        }
        out = out == null ? when(cond, lit(b.name())) : out.when(cond, lit(b.name()));
      }
    }
    return out;
  }

  /** True when {@code score} reaches the threshold of the row's {@code variant_id}. */
  static Column mql(List<Variant> variants) {
    Column out = null;
    for (Variant v : variants) {
      Column cond = col("variant_id").equalTo(v.id());
      Column value = col("score").geq(v.threshold());
      out = out == null ? when(cond, value) : out.when(cond, value);
    }
    return out;
  }

  /** All conditions of a rule hold (a null field never matches). */
  static Column matches(Rule r) {
    Column all = lit(true);
    for (Condition c : r.conditions()) {
      all = all.and(coalesce(condition(c), lit(false)));
    }
    return all;
  }

  static Column condition(Condition c) {
    Column raw = col(c.field());
    Column norm = lower(trim(raw.cast("string")));
    List<String> lowered = c.values().stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    return switch (c.match()) {
      case EQUALS -> norm.equalTo(lowered.get(0));
      case IN -> norm.isin(lowered.toArray());
      case CONTAINS -> {
        Column any = lit(false);
        for (String v : lowered) {
          any = any.or(norm.contains(v));
        }
        yield any;
      }
      case REGEX -> raw.cast("string").rlike(c.values().get(0));
      case RANGE -> {
        Column num = raw.cast("double");
        Column in = num.isNotNull();
        if (c.min() != null) {
          in = in.and(num.geq(c.min()));
        }
        if (c.max() != null) {
          in = in.and(num.lt(c.max()));
        }
        yield in;
      }
    };
  }
}
