package io.funnellake.quality;

import io.funnellake.lakehouse.Lakehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code ops.quality_results}: every rule's outcome per run, as data. */
public final class QualityResults {
  public static final String TABLE = "quality_results";

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("rule", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("status", DataTypes.StringType)
          .add("observed", DataTypes.DoubleType)
          .add("threshold", DataTypes.DoubleType)
          .add("message", DataTypes.StringType)
          .add("checked_at", DataTypes.TimestampType);

  private QualityResults() {}

  public static void append(Lakehouse lakehouse, String runId, List<QualityResult> results) {
    if (results.isEmpty()) {
      return;
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    for (QualityResult r : results) {
      rows.add(
          RowFactory.create(
              runId,
              r.rule(),
              r.level().name().toLowerCase(),
              r.status(),
              r.observed(),
              r.threshold(),
              r.message(),
              now));
    }
    lakehouse.append(Lakehouse.OPS, TABLE, rows, SCHEMA);
  }
}
