package io.funnellake.publish;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.funnellake.lakehouse.Lakehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.run_log}: one row per run. Written as {@code running} when the run starts and updated
 * once when it ends; a row still {@code running} after its process died is marked {@code aborted}
 * by the next run's {@code Recovery}.
 */
public final class RunLog {
  public static final String TABLE = "run_log";

  public static final StructType STEP =
      new StructType()
          .add("step", DataTypes.StringType)
          .add("duration_ms", DataTypes.LongType)
          .add("rows_in", DataTypes.LongType)
          .add("rows_out", DataTypes.LongType)
          .add("detail", DataTypes.StringType);

  public static final StructType TABLE_VERSION =
      new StructType().add("table_name", DataTypes.StringType).add("version", DataTypes.LongType);

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("command", DataTypes.StringType)
          .add("run_date", DataTypes.DateType)
          .add("started_at", DataTypes.TimestampType)
          .add("ended_at", DataTypes.TimestampType)
          .add("status", DataTypes.StringType)
          .add("message", DataTypes.StringType)
          .add("steps", new ArrayType(STEP, true))
          .add("tables_written", new ArrayType(TABLE_VERSION, true))
          .add("publication_seq", DataTypes.LongType)
          .add("pseudonym_key_id", DataTypes.StringType);

  /** Run statuses. */
  public static final String RUNNING = "running";

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  /** Quality gate failed: nothing published. */
  public static final String BLOCKED = "blocked";

  public static final String ABORTED = "aborted";

  /** One step of a run. */
  public record Step(String step, long durationMs, long rowsIn, long rowsOut, String detail) {}

  /** Prefix of the steps that time one mart's build each: {@code mart:<layer>.<table>}. */
  public static final String MART_STEP = "mart:";

  private final Lakehouse lakehouse;

  public RunLog(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  public void start(
      String runId, String command, LocalDate runDate, Timestamp startedAt, String keyId) {
    lakehouse.append(
        Lakehouse.OPS,
        TABLE,
        List.of(
            RowFactory.create(
                runId,
                command,
                Date.valueOf(runDate),
                startedAt,
                null,
                RUNNING,
                null,
                new ArrayList<Row>(),
                new ArrayList<Row>(),
                null,
                keyId)),
        SCHEMA);
  }

  public void finish(
      String runId,
      String status,
      String message,
      List<Step> steps,
      Map<String, Long> tablesWritten,
      Long publicationSeq) {
    List<Row> stepRows = new ArrayList<>();
    for (Step s : steps) {
      stepRows.add(
          RowFactory.create(s.step(), s.durationMs(), s.rowsIn(), s.rowsOut(), s.detail()));
    }
    List<Row> tables = new ArrayList<>();
    tablesWritten.forEach((t, v) -> tables.add(RowFactory.create(t, v)));
    Row update =
        RowFactory.create(
            runId,
            null,
            null,
            null,
            new Timestamp(System.currentTimeMillis()),
            status,
            message,
            stepRows,
            tables,
            publicationSeq,
            null);
    var source = lakehouse.spark().createDataFrame(List.of(update), SCHEMA);
    DeltaTable.forPath(lakehouse.spark(), lakehouse.path(Lakehouse.OPS, TABLE))
        .as("t")
        .merge(source.as("s"), "t.run_id = s.run_id")
        .whenMatched()
        .updateExpr(
            Map.of(
                "ended_at", "s.ended_at",
                "status", "s.status",
                "message", "s.message",
                "steps", "s.steps",
                "tables_written", "s.tables_written",
                "publication_seq", "s.publication_seq"))
        .execute();
  }

  /** Runs other than {@code except} still marked running: their process died. */
  public List<String> runningExcept(String except) {
    List<String> out = new ArrayList<>();
    if (!lakehouse.exists(Lakehouse.OPS, TABLE)) {
      return out;
    }
    for (Row r :
        lakehouse
            .read(Lakehouse.OPS, TABLE)
            .filter(col("status").equalTo(RUNNING).and(col("run_id").notEqual(except)))
            .select("run_id")
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** The key id recorded by the first run that has one, or null on a new lakehouse. */
  public String recordedKeyId() {
    if (!lakehouse.exists(Lakehouse.OPS, TABLE)) {
      return null;
    }
    List<Row> r =
        lakehouse
            .read(Lakehouse.OPS, TABLE)
            .filter(col("pseudonym_key_id").isNotNull().and(col("status").equalTo(SUCCEEDED)))
            .orderBy(col("started_at").desc())
            .select("pseudonym_key_id")
            .limit(1)
            .collectAsList();
    return r.isEmpty() ? null : r.get(0).getString(0);
  }
}
