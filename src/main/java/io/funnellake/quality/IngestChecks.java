package io.funnellake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Field;
import io.funnellake.ingest.FileStatus;
import io.funnellake.ingest.Ingest;
import io.funnellake.ingest.IngestLog;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates the configured rules on the data a run loaded. Volumes compare rows per landing day, so
 * a backfill of a year and the next single night compare fairly: a night that delivers 10% of the
 * usual leads per day is a 90% drop.
 */
public final class IngestChecks {
  private IngestChecks() {}

  public static List<QualityResult> evaluate(
      List<QualityRule> rules, Lakehouse lakehouse, String runId, Ingest.Result ingest) {
    return evaluate(rules, List.of(), List.of(), lakehouse, runId, ingest);
  }

  /**
   * @param fieldRules the rules of {@code funnel.completeness.rules} checked by {@code field_rules}
   *     gate rules
   * @param leadOrder {@code stages.lead.order}: a lead rule with {@code required_at} applies to
   *     rows whose current status is that stage or a later one
   */
  public static List<QualityResult> evaluate(
      List<QualityRule> rules,
      List<FieldRule> fieldRules,
      List<String> leadOrder,
      Lakehouse lakehouse,
      String runId,
      Ingest.Result ingest) {
    List<QualityResult> out = new ArrayList<>();
    for (QualityRule r : rules) {
      if (r.type().equals(QualityRule.FIELD_RULES)) {
        for (FieldRule f : fieldRules) {
          out.add(fieldRule(r, f, leadOrder, lakehouse, runId));
        }
      }
    }
    rules = rules.stream().filter(r -> !r.type().equals(QualityRule.FIELD_RULES)).toList();
    boolean anyNewData = ingest.entries().stream().anyMatch(e -> e.status() == FileStatus.INGESTED);
    for (QualityRule r : rules) {
      out.add(
          switch (r.type()) {
            case QualityRule.ROW_VOLUME_DROP -> volumeDrop(r, lakehouse, runId, anyNewData);
            case QualityRule.COMPLETENESS -> completeness(r, lakehouse, runId);
            default -> throw new IllegalStateException("unknown rule type " + r.type());
          });
    }
    return out;
  }

  private static QualityResult volumeDrop(
      QualityRule r, Lakehouse lakehouse, String runId, boolean anyNewData) {
    if (!anyNewData) {
      return QualityResult.skipped(r.name(), r.level(), r.threshold(), "no new data in this run");
    }
    Dataset<Row> log =
        lakehouse
            .read(Lakehouse.OPS, IngestLog.TABLE)
            .filter(col("entity").equalTo(r.entity().table()))
            .filter(col("status").equalTo(FileStatus.INGESTED.value()));
    // per load: accepted rows, landing days, and when it was logged
    Dataset<Row> perLoad =
        log.groupBy("load_id")
            .agg(
                sum("rows_accepted").as("rows"),
                countDistinct("file_date").as("dated_days"),
                count(org.apache.spark.sql.functions.when(col("file_date").isNull(), lit(1)))
                    .as("undated"),
                max("logged_at").as("at"));
    List<Row> current = perLoad.filter(col("load_id").equalTo(runId)).collectAsList();
    double cur = current.isEmpty() ? 0 : perDay(current.get(0));
    List<Row> previous =
        perLoad
            .filter(col("load_id").notEqual(runId).and(col("rows").gt(0)))
            .orderBy(col("at").desc(), col("load_id").desc())
            .limit(1)
            .collectAsList();
    if (previous.isEmpty()) {
      return QualityResult.skipped(
          r.name(),
          r.level(),
          r.threshold(),
          "no earlier load of " + r.entity().table() + " to compare with");
    }
    double prev = perDay(previous.get(0));
    double drop = 1.0 - cur / prev;
    boolean ok = drop < r.threshold();
    return QualityResult.of(
        r.name(),
        r.level(),
        ok,
        drop,
        r.threshold(),
        String.format(
            "%s accepted per landing day: %.1f now vs %.1f in load %s (drop %.0f%%, limit %.0f%%)",
            r.entity().table(),
            cur,
            prev,
            previous.get(0).getString(0),
            drop * 100,
            r.threshold() * 100));
  }

  private static double perDay(Row load) {
    long rows = load.isNullAt(1) ? 0 : load.getLong(1);
    long days = load.getLong(2) + (load.getLong(3) > 0 ? 1 : 0);
    return rows / (double) Math.max(1, days);
  }

  /**
   * A field rule on this run's rows of its entity. Stage scope uses the current status here: the
   * gate runs before the stage history is modelled (the marts use the history).
   */
  private static QualityResult fieldRule(
      QualityRule r, FieldRule f, List<String> leadOrder, Lakehouse lakehouse, String runId) {
    String name = r.name() + ":" + f.entity().table() + "." + f.field();
    if (!lakehouse.exists(Lakehouse.SILVER, f.entity().table())) {
      return QualityResult.skipped(
          name, r.level(), r.threshold(), "no " + f.entity().table() + " loaded yet");
    }
    Dataset<Row> rows =
        lakehouse
            .read(Lakehouse.SILVER, f.entity().table())
            .filter(col(RawColumns.LOAD_ID).equalTo(runId));
    if (f.requiredAt() != null) {
      int from = leadOrder.indexOf(f.requiredAt());
      rows = rows.filter(col("status").isin(leadOrder.subList(from, leadOrder.size()).toArray()));
    }
    Row counts = rows.agg(count(lit(1)), count(when(f.conforming(col(f.column())), lit(1)))).head();
    long total = counts.getLong(0);
    if (total == 0) {
      return QualityResult.skipped(
          name, r.level(), r.threshold(), "no rows in this run the rule applies to");
    }
    double share = counts.getLong(1) / (double) total;
    return QualityResult.of(
        name,
        r.level(),
        share >= r.threshold(),
        share,
        r.threshold(),
        String.format(
            "%s.%s%s filled%s in %d of %d rows loaded (%.1f%%, minimum %.1f%%)",
            f.entity().table(),
            f.field(),
            f.requiredAt() == null ? "" : " (required at " + f.requiredAt() + ")",
            f.allowed().isEmpty() ? "" : " with an allowed value",
            counts.getLong(1),
            total,
            share * 100,
            r.threshold() * 100));
  }

  private static QualityResult completeness(QualityRule r, Lakehouse lakehouse, String runId) {
    if (!lakehouse.exists(Lakehouse.SILVER, r.entity().table())) {
      return QualityResult.skipped(
          r.name(), r.level(), r.threshold(), "no " + r.entity().table() + " loaded yet");
    }
    String column = r.entity().field(r.field()).map(Field::silverName).orElseThrow();
    Row counts =
        lakehouse
            .read(Lakehouse.SILVER, r.entity().table())
            .filter(col(RawColumns.LOAD_ID).equalTo(runId))
            .agg(count(lit(1)), count(col(column)))
            .head();
    long total = counts.getLong(0);
    if (total == 0) {
      return QualityResult.skipped(
          r.name(), r.level(), r.threshold(), "no " + r.entity().table() + " rows in this run");
    }
    double share = counts.getLong(1) / (double) total;
    return QualityResult.of(
        r.name(),
        r.level(),
        share >= r.threshold(),
        share,
        r.threshold(),
        String.format(
            "%s.%s filled in %d of %d rows loaded (%.1f%%, minimum %.1f%%)",
            r.entity().table(),
            r.field(),
            counts.getLong(1),
            total,
            share * 100,
            r.threshold() * 100));
  }
}
