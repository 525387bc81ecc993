package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.funnellake.cli.BacktestCommand;
import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Conform;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtest wall time on generated leads (not part of the suite). Run with {@code flock
 * /tmp/funnel-spark.lock mvn -o test -Dtest=ScoringBenchmarkTest -Dfunnel.bench=true
 * -Dfunnel.bench.leads=1000000 -Dfunnel.bench.replicates=200}. Writes silver tables of the given
 * size (leads over 2025, ~3 responses and ~1 activity per lead, an SQL outcome for ~15%) to a
 * temporary lakehouse, then times a full backtest run (evaluate, write, publish) of the shipped
 * champion and challenger, and prints the figures.
 */
@EnabledIfSystemProperty(named = "funnel.bench", matches = "true")
class ScoringBenchmarkTest {
  @TempDir Path tmp;

  static Column pick(Column h, String... values) {
    Column arr =
        expr(
            "array("
                + String.join(",", java.util.Arrays.stream(values).map(v -> "'" + v + "'").toList())
                + ")");
    return element_at(arr, pmod(h, lit(values.length)).cast("int").plus(1));
  }

  static Dataset<Row> silver(SparkSession spark, Entity e, FunnelConfig config, Dataset<Row> cols) {
    return Conform.emptySilver(spark, e, config, new Pseudonyms(TestConfigs.KEY))
        .unionByName(cols, true);
  }

  @Test
  void backtestOnGeneratedLeads() {
    long n = Long.getLong("funnel.bench.leads", 1_000_000L);
    int replicates = Integer.getInteger("funnel.bench.replicates", 200);
    SparkSession spark = TestSpark.session();
    FunnelConfig config = TestConfigs.config(tmp.resolve("lh"), tmp, "2025-12-31");
    Lakehouse lh = new Lakehouse(spark, tmp.resolve("lh").toString());
    long t0 = System.nanoTime();
    Column h = xxhash64(col("id"));
    Dataset<Row> base =
        spark
            .range(n)
            .withColumn("lead_id", concat(lit("L"), col("id")))
            .withColumn(
                "created_at",
                expr(
                    "timestamp'2025-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0,"
                        + " cast(pmod(id * 7919, 365 * 86400) as int))"));
    Dataset<Row> leads =
        base.select(
            col("lead_id"),
            substring(sha2(col("lead_id"), 256), 1, 32).as("lead_key"),
            col("created_at"),
            col("created_at").as("updated_at"),
            lit("lead").as("status"),
            pick(
                    xxhash64(col("id"), lit(1)),
                    "VP Marketing",
                    "Engineer",
                    "Director IT",
                    "Analyst",
                    "Head of Sales",
                    "Student",
                    "CTO",
                    "Manager")
                .as("title"),
            pick(xxhash64(col("id"), lit(2)), "software", "retail", "fintech", "saas", "education")
                .as("industry"),
            pmod(xxhash64(col("id"), lit(3)), lit(3000)).cast("int").as("employee_count"),
            pick(xxhash64(col("id"), lit(4)), "1-10", "11-50", "51-200", "201-1000", "1001-5000")
                .as("company_size"),
            pick(xxhash64(col("id"), lit(5)), "gmail.com", "acme.com", "beta.io", "corp.com")
                .as("email_domain"),
            lit(false).as("is_deleted"));
    Dataset<Row> responses =
        base.crossJoin(spark.range(3).toDF("k"))
            .filter(pmod(xxhash64(col("id"), col("k"), lit(6)), lit(10)).lt(8))
            .select(
                concat(col("lead_id"), lit("-"), col("k")).as("response_id"),
                col("lead_id"),
                pick(
                        xxhash64(col("id"), col("k"), lit(7)),
                        "page_view",
                        "email_click",
                        "content_download",
                        "webinar_attended",
                        "demo_request",
                        "page_view")
                    .as("response_type"),
                expr("created_at + make_interval(0, 0, 0, 0, cast(k * 7 as int), 0, 0)")
                    .as("responded_at"),
                pick(xxhash64(col("id"), col("k"), lit(8)), "/pricing", "/blog", "/docs")
                    .as("page"));
    // the outcome leans on demo requests and fit so that the variants have something to find
    Column p =
        pmod(h, lit(100)).lt(when(col("industry").isin("software", "saas"), 20).otherwise(8));
    Dataset<Row> stages =
        leads
            .filter(p)
            .select(
                col("lead_id"),
                col("lead_key"),
                lit("sql").as("stage"),
                lit(3).as("stage_index"),
                lit(1).as("occurrence"),
                expr("created_at + INTERVAL 5 DAYS").as("entered_at"),
                lit(false).as("is_backfilled"),
                lit(null).cast("timestamp").as("exited_at"))
            .unionByName(
                leads
                    .filter(p)
                    .select(
                        col("lead_id"),
                        col("lead_key"),
                        lit("mql").as("stage"),
                        lit(1).as("stage_index"),
                        lit(1).as("occurrence"),
                        expr("created_at + INTERVAL 2 DAYS").as("entered_at"),
                        lit(false).as("is_backfilled"),
                        lit(null).cast("timestamp").as("exited_at")));
    Dataset<Row> activities =
        leads
            .filter(p)
            .select(
                concat(lit("A"), col("lead_id")).as("activity_id"),
                col("lead_id"),
                lit("call").as("activity_type"),
                expr("created_at + INTERVAL 3 DAYS").as("activity_at"),
                lit(30).as("duration_minutes"));
    Dataset<Row> reps =
        spark
            .range(20)
            .select(
                concat(lit("R"), col("id")).as("rep_id"),
                lit("sdr").as("role"),
                lit(true).as("is_active"));
    write(lh, "leads", silver(spark, Entity.LEADS, config, leads));
    write(lh, "campaign_responses", silver(spark, Entity.CAMPAIGN_RESPONSES, config, responses));
    write(lh, "sales_activities", silver(spark, Entity.SALES_ACTIVITIES, config, activities));
    write(lh, "reps", silver(spark, Entity.REPS, config, reps));
    write(lh, ExperimentInputs.STAGE_EVENTS, stages);
    long generated = System.nanoTime();

    BacktestSpec spec =
        BacktestSpec.defaults(config, "bench")
            .withRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"))
            .withOutcome("sql", 14)
            .withBootstrap(replicates, 1);
    BacktestRunner.Outcome o =
        new BacktestRunner(lh, config, new Pseudonyms(TestConfigs.KEY)).run(spec);
    long done = System.nanoTime();
    System.out.printf(
        "BENCH leads=%d replicates=%d generate+write=%.1fs backtest(run: evaluate+write+publish)"
            + "=%.1fs counts=%s%n",
        n, replicates, (generated - t0) / 1e9, (done - generated) / 1e9, o.result().counts());
    BacktestCommand.print(o, lh, System.out);
  }

  private static void write(Lakehouse lh, String table, Dataset<Row> df) {
    df.write().format("delta").mode("overwrite").save(lh.path(Lakehouse.SILVER, table));
  }
}
