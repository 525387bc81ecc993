package io.funnellake.bench;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.PseudonymKeys;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.Marts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The single-node peer: DuckDB computes the same gold tables from the same silver data, and the
 * results must be equal to ours. Inputs are exported once from the Delta snapshot to plain Parquet
 * (untimed) so both engines read identical rows; each engine's time covers computing the table from
 * those inputs. Ours builds the mart and runs it to a no-op sink; DuckDB materialises the query
 * into an in-memory table. Doubles are compared rounded to 6 decimals.
 */
final class DuckDbPeer {
  private final SparkSession spark;
  private final FunnelConfig config;
  private final Path work;
  private final Function<Map<String, String>, FunnelConfig> withOverrides;

  /** {@code withOverrides} gives the run's config with a table's extra keys on top. */
  DuckDbPeer(
      SparkSession spark,
      FunnelConfig config,
      Path work,
      Function<Map<String, String>, FunnelConfig> withOverrides) {
    this.spark = spark;
    this.config = config;
    this.work = work.toAbsolutePath();
    this.withOverrides = withOverrides;
  }

  List<BenchStep> run(long leads) {
    Lakehouse lakehouse = new Lakehouse(spark, config.lakehouse());
    Pseudonyms pseudonyms =
        PseudonymKeys.resolve(
            config.pseudonym(), lakehouse.root(), spark.sparkContext().hadoopConfiguration());
    Benchmark.deleteRecursively(work);
    List<BenchStep> steps = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = duck.createStatement()) {
        st.execute("SET threads TO " + Runtime.getRuntime().availableProcessors());
        st.execute("SET TimeZone = 'UTC'");
      }
      Set<String> exported = new LinkedHashSet<>();
      for (PeerTables.PeerTable t : PeerTables.all(config)) {
        long inputRows = 0;
        for (String input : t.inputs()) {
          inputRows += export(lakehouse, duck, input, exported);
        }
        Mart mart = mart(t.martName());
        MartContext ctx =
            new MartContext(lakehouse, withOverrides.apply(t.oursConfig()), pseudonyms);
        long rows = inputRows;
        Dataset<Row>[] ours = new Dataset[1];
        steps.add(
            Benchmark.measure(
                leads,
                "peer:" + t.martName() + ":ours",
                () -> {
                  ours[0] = t.oursRows().apply(mart.build(ctx));
                  ours[0].write().format("noop").mode(SaveMode.Overwrite).save();
                  return new Benchmark.Outcome(rows, "Spark, from the silver Delta tables");
                }));
        steps.add(
            Benchmark.measure(
                leads,
                "peer:" + t.martName() + ":duckdb",
                () -> {
                  execute(duck, "CREATE OR REPLACE TABLE peer_result AS " + t.duckSql());
                  return new Benchmark.Outcome(rows, "DuckDB, from Parquet exports of the same");
                }));
        // untimed: the equality check fails the benchmark when the engines disagree
        String checked = compare(duck, t, ours[0]);
        BenchStep last = steps.remove(steps.size() - 1);
        steps.add(
            new BenchStep(
                last.leads(),
                last.step(),
                last.seconds(),
                last.rows(),
                last.peakHeapMb(),
                last.detail() + "; " + checked));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB peer failed: " + e.getMessage(), e);
    }
    return steps;
  }

  /** Exports one {@code layer.table} to Parquet and registers it in DuckDB as layer_table. */
  private long export(Lakehouse lakehouse, Connection duck, String input, Set<String> done) {
    String[] parts = input.split("\\.", 2);
    String view = parts[0] + "_" + parts[1];
    Path dir = work.resolve("input").resolve(view);
    Dataset<Row> df = lakehouse.read(parts[0], parts[1]);
    if (done.add(input)) {
      String before = spark.conf().get("spark.sql.parquet.outputTimestampType");
      // DuckDB reads INT96 timestamps without zone semantics; micros are unambiguous UTC
      spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
      try {
        df.write().mode(SaveMode.Overwrite).parquet(dir.toString());
      } finally {
        spark.conf().set("spark.sql.parquet.outputTimestampType", before);
      }
      execute(
          duck,
          "CREATE OR REPLACE VIEW "
              + view
              + " AS SELECT * FROM read_parquet('"
              + dir.resolve("*.parquet")
              + "')");
    }
    return spark.read().parquet(dir.toString()).count();
  }

  /** Equal as multisets after rounding doubles; the outcome goes into the report's detail. */
  private String compare(Connection duck, PeerTables.PeerTable t, Dataset<Row> ours) {
    Path file = work.resolve("result-" + t.martName() + ".parquet");
    execute(duck, "COPY peer_result TO '" + file + "' (FORMAT PARQUET)");
    Dataset<Row> theirs = spark.read().parquet(file.toString());
    Dataset<Row> a = normalised(ours, ours);
    Dataset<Row> b = normalised(theirs, ours);
    long onlyOurs = a.exceptAll(b).count();
    long onlyTheirs = b.exceptAll(a).count();
    long n = a.count();
    if (onlyOurs == 0 && onlyTheirs == 0) {
      return "result equal to ours (" + n + " rows)";
    }
    long differing = beyondRounding(a, b, ours);
    if (differing != 0 || n != b.count()) {
      throw Errors.benchMismatch(t.martName(), n, onlyOurs, onlyTheirs, file.toString());
    }
    return String.format(
        "result equal to ours (%d rows; %d differ by one unit of a mart's rounding to 0.01)",
        n, onlyOurs);
  }

  /**
   * Rows of either side with no partner on the same non-double columns, or whose doubles differ by
   * more than rounding explains. The engines sum in other orders, so a mean the mart rounds to 0.01
   * can land on either side of a rounding boundary: two values that are both whole hundredths may
   * differ by 0.01, other doubles by 1e-6.
   */
  static long beyondRounding(Dataset<Row> ours, Dataset<Row> theirs, Dataset<Row> ref) {
    Column on = lit(true);
    Column bad = col("a._row").isNull().or(col("b._row").isNull());
    for (StructField f : ref.schema().fields()) {
      Column x = col("a." + f.name());
      Column y = col("b." + f.name());
      if (f.dataType().equals(DataTypes.DoubleType)) {
        Column cents = round(x, 2).equalTo(x).and(round(y, 2).equalTo(y));
        Column off = abs(x.minus(y)).gt(when(cents, 0.010001).otherwise(1e-6));
        bad = bad.or(coalesce(off, lit(false))).or(x.isNull().notEqual(y.isNull()));
      } else {
        on = on.and(x.eqNullSafe(y));
      }
    }
    return ours.withColumn("_row", lit(1))
        .alias("a")
        .join(theirs.withColumn("_row", lit(1)).alias("b"), on, "full_outer")
        .filter(bad)
        .count();
  }

  /** Our schema's columns, in our order and types, doubles rounded. */
  private static Dataset<Row> normalised(Dataset<Row> df, Dataset<Row> reference) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : reference.schema().fields()) {
      Column c = col(f.name()).cast(f.dataType());
      if (f.dataType().equals(DataTypes.DoubleType)) {
        c = round(c, 6);
      }
      cols.add(c.as(f.name()));
    }
    return df.select(cols.toArray(Column[]::new));
  }

  private static Mart mart(String name) {
    return Marts.all().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no mart named " + name));
  }

  private static void execute(Connection duck, String sql) {
    try (Statement st = duck.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage() + "\n" + sql, e);
    }
  }
}
