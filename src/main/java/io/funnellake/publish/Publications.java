package io.funnellake.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.funnellake.lakehouse.Lakehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The publish log ({@code ops.publish_log}): each publication is one Delta commit listing every
 * gold table with the version readers must see. Readers resolve gold through the latest
 * publication, so a run that dies after writing some gold tables changes nothing they see, and a
 * publication of many tables becomes visible at once.
 */
public final class Publications {
  public static final String TABLE = "publish_log";

  public static final StructType SCHEMA =
      new StructType()
          .add("publication_seq", DataTypes.LongType, true)
          .add("run_id", DataTypes.StringType, true)
          .add("run_date", DataTypes.DateType, true)
          .add("published_at", DataTypes.TimestampType, true)
          .add("table_name", DataTypes.StringType, true)
          .add("table_version", DataTypes.LongType, true);

  private final Lakehouse lakehouse;

  public Publications(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  /** Gold table name to published version, from the latest publication; empty before the first. */
  public Map<String, Long> latest() {
    Map<String, Long> out = new LinkedHashMap<>();
    if (!lakehouse.exists(Lakehouse.OPS, TABLE)) {
      return out;
    }
    Dataset<Row> log = lakehouse.read(Lakehouse.OPS, TABLE);
    Row maxSeq = log.agg(max("publication_seq")).head();
    if (maxSeq.isNullAt(0)) {
      return out;
    }
    // one publication lists each gold table once: bounded by the number of gold tables
    for (Row r :
        log.filter(col("publication_seq").equalTo(maxSeq.getLong(0)))
            .select("table_name", "table_version")
            .orderBy("table_name")
            .collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** Sequence number of the latest publication, or 0 before the first. */
  public long latestSeq() {
    if (!lakehouse.exists(Lakehouse.OPS, TABLE)) {
      return 0;
    }
    Row r = lakehouse.read(Lakehouse.OPS, TABLE).agg(max("publication_seq")).head();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /** Publishes {@code versions} (every gold table) atomically: one append, one commit. */
  public long publish(String runId, LocalDate runDate, Map<String, Long> versions) {
    return commit(runId, runDate, versions, false);
  }

  /**
   * Publishes new versions of some gold tables (e.g. the backtest results) and keeps every other
   * table at its currently published version.
   */
  public long publishChanges(String runId, LocalDate runDate, Map<String, Long> changed) {
    return commit(runId, runDate, changed, true);
  }

  /**
   * Two writers (a nightly and a backtest) may publish at once. Each claims the next sequence
   * number with a Delta idempotent write keyed by it, so only one commit per number lands, then
   * reads back who owns it and retries with the next number if it lost.
   */
  private long commit(String runId, LocalDate runDate, Map<String, Long> versions, boolean merge) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Map<String, Long> manifest = new LinkedHashMap<>();
      if (merge) {
        manifest.putAll(latest());
      }
      manifest.putAll(versions);
      if (manifest.isEmpty()) {
        return latestSeq(); // no gold table at all (a run of intermediates only): nothing to show
      }
      long seq = latestSeq() + 1;
      Timestamp now = Timestamp.from(Instant.now());
      List<Row> rows = new ArrayList<>();
      for (Map.Entry<String, Long> e : manifest.entrySet()) {
        rows.add(
            RowFactory.create(seq, runId, Date.valueOf(runDate), now, e.getKey(), e.getValue()));
      }
      try {
        lakehouse
            .spark()
            .createDataFrame(rows, SCHEMA)
            .write()
            .format("delta")
            .mode("append")
            .option("txnAppId", "funnel-publish")
            .option("txnVersion", seq)
            .save(lakehouse.path(Lakehouse.OPS, TABLE));
      } catch (DeltaConcurrentModificationException lost) {
        continue; // another writer claimed this number at the same moment
      }
      FailPoints.check("after_publish_commit");
      List<Row> owner =
          lakehouse
              .read(Lakehouse.OPS, TABLE)
              .filter(col("publication_seq").equalTo(seq))
              .select("run_id")
              .distinct()
              .collectAsList();
      if (owner.size() == 1 && owner.get(0).getString(0).equals(runId)) {
        return seq;
      }
    }
    throw new IllegalStateException("could not publish " + runId + " after 10 attempts");
  }
}
