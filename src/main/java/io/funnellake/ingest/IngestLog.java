package io.funnellake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.funnellake.lakehouse.Lakehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.ingest_log}: one row per file and mapping per load. A load's rows are appended in one
 * commit at the end of ingest; that commit is what makes the load count (see {@link Recovery}).
 */
public final class IngestLog {
  public static final String TABLE = "ingest_log";

  public static final StructType SCHEMA =
      new StructType()
          .add("load_id", DataTypes.StringType, true)
          .add("source", DataTypes.StringType, true)
          .add("mapping", DataTypes.StringType, true)
          .add("entity", DataTypes.StringType, true)
          .add("file_path", DataTypes.StringType, true)
          .add("file_date", DataTypes.DateType, true)
          .add("size_bytes", DataTypes.LongType, true)
          .add("modified_at", DataTypes.TimestampType, true)
          .add("checksum", DataTypes.StringType, true)
          .add("status", DataTypes.StringType, true)
          .add("rows_read", DataTypes.LongType, true)
          .add("rows_accepted", DataTypes.LongType, true)
          .add("rows_quarantined", DataTypes.LongType, true)
          .add("rows_filtered", DataTypes.LongType, true)
          .add("message", DataTypes.StringType, true)
          .add("logged_at", DataTypes.TimestampType, true);

  /** One log row. */
  public record Entry(
      String loadId,
      String source,
      String mapping,
      String entity,
      LandingFile file,
      String checksum,
      FileStatus status,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      long rowsFiltered,
      String message) {

    Row toRow(Timestamp now) {
      return RowFactory.create(
          loadId,
          source,
          mapping,
          entity,
          file.path(),
          file.fileDate() == null ? null : Date.valueOf(file.fileDate()),
          file.size(),
          Timestamp.from(file.modifiedAt()),
          checksum,
          status.value(),
          rowsRead,
          rowsAccepted,
          rowsQuarantined,
          rowsFiltered,
          message,
          now);
    }
  }

  /** What the log knows of a file: its last successful record. */
  public record Known(long size, long modifiedAtMillis, String checksum, String status) {}

  private final Lakehouse lakehouse;

  public IngestLog(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  /**
   * The last record (other than failed) of each of {@code paths} for a mapping. Bounded by the
   * files listed in landing, which the driver holds anyway.
   */
  public Map<String, Known> known(String mappingId, List<String> paths) {
    Map<String, Known> out = new HashMap<>();
    if (paths.isEmpty() || !lakehouse.exists(Lakehouse.OPS, TABLE)) {
      return out;
    }
    Dataset<Row> wanted =
        lakehouse
            .spark()
            .createDataset(paths, org.apache.spark.sql.Encoders.STRING())
            .toDF("file_path");
    Dataset<Row> last =
        lakehouse
            .read(Lakehouse.OPS, TABLE)
            .filter(col("mapping").equalTo(mappingId))
            .filter(col("status").notEqual(FileStatus.FAILED.value()))
            .join(wanted, "file_path")
            .withColumn(
                "_rn",
                row_number()
                    .over(
                        Window.partitionBy("file_path")
                            .orderBy(col("logged_at").desc(), col("load_id").desc())))
            .filter(col("_rn").equalTo(1));
    for (Row r :
        last.select("file_path", "size_bytes", "modified_at", "checksum", "status")
            .collectAsList()) {
      out.put(
          r.getString(0),
          new Known(r.getLong(1), r.getTimestamp(2).getTime(), r.getString(3), r.getString(4)));
    }
    return out;
  }

  /** Checksums among {@code checksums} already ingested by the mapping, to the file that had it. */
  public Map<String, String> ingestedChecksums(String mappingId, List<String> checksums) {
    Map<String, String> out = new HashMap<>();
    if (checksums.isEmpty() || !lakehouse.exists(Lakehouse.OPS, TABLE)) {
      return out;
    }
    for (Row r :
        lakehouse
            .read(Lakehouse.OPS, TABLE)
            .filter(col("mapping").equalTo(mappingId))
            .filter(col("status").equalTo(FileStatus.INGESTED.value()))
            .filter(col("checksum").isin(checksums.toArray()))
            .select("checksum", "file_path")
            .collectAsList()) {
      out.putIfAbsent(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** Appends a load's entries in one commit. */
  public void commit(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      rows.add(e.toRow(now));
    }
    lakehouse.append(Lakehouse.OPS, TABLE, rows, SCHEMA);
  }

  /** True when the load committed its ingest log entries. */
  public boolean committed(String loadId) {
    return lakehouse.exists(Lakehouse.OPS, TABLE)
        && !lakehouse.read(Lakehouse.OPS, TABLE).filter(col("load_id").equalTo(loadId)).isEmpty();
  }
}
