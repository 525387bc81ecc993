package io.funnellake.ingest;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.Publications;
import io.funnellake.publish.RunLog;
import io.funnellake.quality.QualityResults;
import java.util.ArrayList;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Creates the ops tables empty on first use, so they can be queried before anything happens. */
public final class OpsTables {
  private OpsTables() {}

  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add("load_id", DataTypes.StringType, true)
          .add("source", DataTypes.StringType, true)
          .add("mapping", DataTypes.StringType, true)
          .add("entity", DataTypes.StringType, true)
          .add("source_file", DataTypes.StringType, true)
          .add("row_number", DataTypes.LongType, true)
          .add("reason", DataTypes.StringType, true)
          .add("raw_text", DataTypes.StringType, true)
          .add("quarantined_at", DataTypes.TimestampType, true);

  public static void ensure(Lakehouse lakehouse) {
    Map<String, StructType> tables =
        Map.of(
            IngestLog.TABLE, IngestLog.SCHEMA,
            Quarantine.TABLE, QUARANTINE_SCHEMA,
            RunLog.TABLE, RunLog.SCHEMA,
            Publications.TABLE, Publications.SCHEMA,
            QualityResults.TABLE, QualityResults.SCHEMA);
    for (Map.Entry<String, StructType> t : tables.entrySet()) {
      if (!lakehouse.exists(Lakehouse.OPS, t.getKey())) {
        lakehouse.append(Lakehouse.OPS, t.getKey(), new ArrayList<Row>(), t.getValue());
      }
    }
  }
}
