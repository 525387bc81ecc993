package io.funnellake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.conform.Typing;
import io.funnellake.contract.Field;
import io.funnellake.ingest.FileStatus;
import io.funnellake.ingest.Ingest;
import io.funnellake.ingest.IngestLog;
import io.funnellake.ingest.Quarantine;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.RunLog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates the configured rules on the data no publication has passed yet: this run's load and the
 * loads of earlier runs that were blocked or died after committing (see {@link #unpublishedLoads}).
 * Volumes compare rows per landing day, so a backfill of a year and the next single night compare
 * fairly: a night that delivers 10% of the usual leads per day is a 90% drop.
 */
public final class IngestChecks {
  /** Stands for the unpublished loads, checked together, in the per-load volume table. */
  private static final String CURRENT = "(unpublished)";

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
    List<String> loads = unpublishedLoads(lakehouse, runId);
    for (QualityRule r : rules) {
      if (r.type().equals(QualityRule.FIELD_RULES)) {
        for (FieldRule f : fieldRules) {
          out.add(fieldRule(r, f, leadOrder, lakehouse, loads));
        }
      }
    }
    rules = rules.stream().filter(r -> !r.type().equals(QualityRule.FIELD_RULES)).toList();
    boolean anyNewData =
        ingest.entries().stream().anyMatch(e -> e.status() == FileStatus.INGESTED)
            || loads.size() > 1;
    for (QualityRule r : rules) {
      out.add(
          switch (r.type()) {
            case QualityRule.ROW_VOLUME_DROP -> volumeDrop(r, lakehouse, loads, anyNewData);
            case QualityRule.COMPLETENESS -> completeness(r, lakehouse, loads);
            case QualityRule.REFERENCES -> references(r, lakehouse, loads);
            default -> throw new IllegalStateException("unknown rule type " + r.type());
          });
    }
    return out;
  }

  /**
   * This run's load and the loads that earlier runs committed without any nightly run publishing
   * since (blocked by the gate, or failed or killed after their ingest log commit). Rules check all
   * of them: a re-run of such a night loads nothing new and must not publish what no rule passed.
   * Run ids sort by start time, so a load counts as passed once a later nightly run succeeded.
   * Bounded by the loads since the last publication (normally just this run's).
   */
  public static List<String> unpublishedLoads(Lakehouse lakehouse, String runId) {
    List<String> out = new ArrayList<>();
    out.add(runId);
    if (!lakehouse.exists(Lakehouse.OPS, IngestLog.TABLE)) {
      return out;
    }
    Dataset<Row> loads =
        lakehouse
            .read(Lakehouse.OPS, IngestLog.TABLE)
            .filter(col("status").equalTo(FileStatus.INGESTED.value()))
            .filter(col("load_id").notEqual(runId));
    if (lakehouse.exists(Lakehouse.OPS, RunLog.TABLE)) {
      Row last =
          lakehouse
              .read(Lakehouse.OPS, RunLog.TABLE)
              .filter(col("command").equalTo("nightly"))
              .filter(col("status").equalTo(RunLog.SUCCEEDED))
              .filter(col("run_id").notEqual(runId))
              .agg(max("run_id"))
              .head();
      if (!last.isNullAt(0)) {
        loads = loads.filter(col("load_id").gt(last.getString(0)));
      }
    }
    for (Row r : loads.select("load_id").distinct().orderBy("load_id").collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /**
   * A field rule on the unpublished loads' rows of its entity. Stage scope uses the current status
   * here: the gate runs before the stage history is modelled (the marts use the history).
   */
  private static QualityResult fieldRule(
      QualityRule r, FieldRule f, List<String> leadOrder, Lakehouse lakehouse, List<String> loads) {
    String name = r.name() + ":" + f.entity().table() + "." + f.field();
    if (!lakehouse.exists(Lakehouse.SILVER, f.entity().table())) {
      return QualityResult.skipped(
          name, r.level(), r.threshold(), "no " + f.entity().table() + " loaded yet");
    }
    Dataset<Row> rows =
        lakehouse
            .read(Lakehouse.SILVER, f.entity().table())
            .filter(col(RawColumns.LOAD_ID).isin(loads.toArray()));
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

  private static QualityResult volumeDrop(
      QualityRule r, Lakehouse lakehouse, List<String> loads, boolean anyNewData) {
    if (!anyNewData) {
      return QualityResult.skipped(r.name(), r.level(), r.threshold(), "no new data in this run");
    }
    Dataset<Row> log =
        lakehouse
            .read(Lakehouse.OPS, IngestLog.TABLE)
            .filter(col("entity").equalTo(r.entity().table()))
            .filter(col("status").equalTo(FileStatus.INGESTED.value()));
    // per load: accepted rows, landing days, and when it was logged; unpublished loads as one
    Column load =
        when(col("load_id").isin(loads.toArray()), lit(CURRENT)).otherwise(col("load_id"));
    Dataset<Row> perLoad =
        log.groupBy(load.as("load_id"))
            .agg(
                sum("rows_accepted").as("rows"),
                countDistinct("file_date").as("dated_days"),
                count(when(col("file_date").isNull(), lit(1))).as("undated"),
                max("logged_at").as("at"));
    List<Row> current = perLoad.filter(col("load_id").equalTo(CURRENT)).collectAsList();
    double cur = current.isEmpty() ? 0 : perDay(current.get(0));
    List<Row> previous =
        perLoad
            .filter(col("load_id").notEqual(CURRENT).and(col("rows").gt(0)))
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
   * Share of the checked loads' rows with the field filled. Rows quarantined because this required
   * field was missing count as rows without it: otherwise a night that loses most rows to a missing
   * required field would pass with the few that had it.
   */
  private static QualityResult completeness(
      QualityRule r, Lakehouse lakehouse, List<String> loads) {
    String column = r.entity().field(r.field()).map(Field::silverName).orElseThrow();
    long loaded = 0;
    long filled = 0;
    if (lakehouse.exists(Lakehouse.SILVER, r.entity().table())) {
      Row counts =
          lakehouse
              .read(Lakehouse.SILVER, r.entity().table())
              .filter(col(RawColumns.LOAD_ID).isin(loads.toArray()))
              .agg(count(lit(1)), count(col(column)))
              .head();
      loaded = counts.getLong(0);
      filled = counts.getLong(1);
    }
    long missing =
        lakehouse
            .read(Lakehouse.OPS, Quarantine.TABLE)
            .filter(col("load_id").isin(loads.toArray()))
            .filter(col("entity").equalTo(r.entity().table()))
            .filter(col("reason").contains(Typing.missingReason(r.field())))
            .count();
    long total = loaded + missing;
    if (total == 0) {
      return QualityResult.skipped(
          r.name(), r.level(), r.threshold(), "no " + r.entity().table() + " rows in this run");
    }
    double share = filled / (double) total;
    return QualityResult.of(
        r.name(),
        r.level(),
        share >= r.threshold(),
        share,
        r.threshold(),
        String.format(
            "%s.%s filled in %d of %d rows loaded%s (%.1f%%, minimum %.1f%%)",
            r.entity().table(),
            r.field(),
            filled,
            total,
            missing == 0 ? "" : " (" + missing + " quarantined without it)",
            share * 100,
            r.threshold() * 100));
  }

  /** Share of this run's non-empty references that resolve to a row of the target entity. */
  private static QualityResult references(QualityRule r, Lakehouse lakehouse, List<String> loads) {
    if (!lakehouse.exists(Lakehouse.SILVER, r.entity().table())) {
      return QualityResult.skipped(
          r.name(), r.level(), r.threshold(), "no " + r.entity().table() + " loaded yet");
    }
    Dataset<Row> refs =
        lakehouse
            .read(Lakehouse.SILVER, r.entity().table())
            .filter(col(RawColumns.LOAD_ID).isin(loads.toArray()).and(col(r.field()).isNotNull()))
            .select(col(r.field()).as("ref"));
    Dataset<Row> keys =
        lakehouse.exists(Lakehouse.SILVER, r.target().table())
            ? lakehouse
                .read(Lakehouse.SILVER, r.target().table())
                .select(col(r.targetField()).as("ref"))
                .distinct()
            : refs.limit(0);
    // one pass: every reference with whether its key exists
    Dataset<Row> checked =
        refs.join(keys.withColumn("found", lit(true)), "ref", "left")
            .withColumn("is_missing", col("found").isNull());
    Row counts =
        checked
            .agg(count(lit(1)), count(org.apache.spark.sql.functions.when(col("is_missing"), 1)))
            .head();
    long total = counts.getLong(0);
    if (total == 0) {
      return QualityResult.skipped(
          r.name(), r.level(), r.threshold(), "no " + r.field() + " values in this run");
    }
    long unresolved = counts.getLong(1);
    List<String> examples =
        unresolved == 0
            ? List.of()
            : checked
                .filter(col("is_missing"))
                .select("ref")
                .distinct()
                .limit(3)
                .collectAsList()
                .stream()
                .map(x -> x.getString(0))
                .toList();
    double share = (total - unresolved) / (double) total;
    return QualityResult.of(
        r.name(),
        r.level(),
        share >= r.threshold(),
        share,
        r.threshold(),
        String.format(
            "%s.%s: %d of %d references found in %s.%s (%.1f%%, minimum %.1f%%)%s",
            r.entity().table(),
            r.field(),
            total - unresolved,
            total,
            r.target().table(),
            r.targetField(),
            share * 100,
            r.threshold() * 100,
            unresolved == 0 ? "" : "; not found e.g. " + examples));
  }
}
