package io.funnellake.lakehouse;

import io.delta.tables.DeltaTable;
import io.funnellake.errors.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The lakehouse folder: one Delta table per {@code <root>/<layer>/<table>}, with layers {@code
 * bronze}, {@code silver}, {@code gold} and {@code ops}. Tables are addressed by path so that the
 * same code runs on a local folder, HDFS or an object store; {@link Catalog} makes them visible by
 * name.
 */
public final class Lakehouse {
  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";
  public static final String OPS = "ops";
  public static final List<String> LAYERS = List.of(BRONZE, SILVER, GOLD, OPS);

  private final SparkSession spark;
  private final String root;

  public Lakehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(String layer, String table) {
    return root + "/" + layer + "/" + table;
  }

  public boolean exists(String layer, String table) {
    return DeltaTable.isDeltaTable(spark, path(layer, table));
  }

  /** Reads the current version of a table; fails with a clear error when it was never written. */
  public Dataset<Row> read(String layer, String table) {
    if (!exists(layer, table)) {
      throw Errors.tableMissing(layer + "." + table, path(layer, table));
    }
    return spark.read().format("delta").load(path(layer, table));
  }

  /** Reads a table at a version (time travel), e.g. a published gold version or a pinned input. */
  public Dataset<Row> read(String layer, String table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(layer, table));
  }

  /** The table, or an empty frame of the given schema when it was never written. */
  public Dataset<Row> readOrEmpty(String layer, String table, StructType schema) {
    return exists(layer, table)
        ? read(layer, table)
        : spark.createDataFrame(new ArrayList<Row>(), schema);
  }

  /** Latest committed version of a table, or -1 when it does not exist. */
  public long version(String layer, String table) {
    if (!exists(layer, table)) {
      return -1;
    }
    // the log's latest snapshot: milliseconds, where history(1) runs a Spark job
    return DeltaLog.forTable(spark, path(layer, table))
        .update(false, Option.empty(), Option.empty())
        .version();
  }

  /** Tables present in a layer (folders holding a Delta log), sorted by name. */
  public List<String> tables(String layer) {
    List<String> out = new ArrayList<>();
    try {
      Path dir = new Path(root + "/" + layer);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log"))) {
          out.add(s.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root + "/" + layer, e);
    }
    out.sort(String::compareTo);
    return out;
  }

  /** Deletes a folder under the root (used by --full-refresh); true when something was deleted. */
  public boolean deleteFolder(String relative) {
    try {
      Path dir = new Path(root + "/" + relative);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(dir) && fs.delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root + "/" + relative, e);
    }
  }

  /** Writes the small in-driver table {@code rows} (ops bookkeeping) by appending. */
  public void append(String layer, String table, List<Row> rows, StructType schema) {
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .mode("append")
        .save(path(layer, table));
  }

  /** A table's Delta identity (new when the table is re-created), version and change feed. */
  public record TableState(String id, long version, boolean changeFeed) {}

  private static final String CHANGE_FEED = "delta.enableChangeDataFeed";

  /** The current state of a table, or null when it does not exist. */
  public TableState state(String layer, String table) {
    if (!exists(layer, table)) {
      return null;
    }
    Snapshot s =
        DeltaLog.forTable(spark, path(layer, table)).update(false, Option.empty(), Option.empty());
    Option<String> cdf = s.metadata().configuration().get(CHANGE_FEED);
    return new TableState(
        s.metadata().id(), s.version(), cdf.isDefined() && "true".equalsIgnoreCase(cdf.get()));
  }

  /**
   * Turns on Delta's change data feed (once; later writes record their row changes), so marts can
   * recompute only the keys that changed ({@link #changes}).
   */
  public void enableChangeFeed(String layer, String table) {
    TableState s = state(layer, table);
    if (s != null && !s.changeFeed()) {
      spark.sql(
          "ALTER TABLE delta.`"
              + path(layer, table)
              + "` SET TBLPROPERTIES ("
              + CHANGE_FEED
              + " = true)");
    }
  }

  /**
   * Rows inserted, updated or deleted by versions {@code from..to} (inclusive), with the feed on.
   */
  public Dataset<Row> changes(String layer, String table, long from, long to) {
    return spark
        .read()
        .format("delta")
        .option("readChangeFeed", "true")
        .option("startingVersion", from)
        .option("endingVersion", to)
        .load(path(layer, table));
  }

  /** The {@code userMetadata} of a table's latest commit, or null (none, or no table). */
  public String lastCommitMetadata(String layer, String table) {
    if (!exists(layer, table)) {
      return null;
    }
    Row last =
        DeltaTable.forPath(spark, path(layer, table)).history(1).select("userMetadata").first();
    return last.isNullAt(0) ? null : last.getString(0);
  }
}
