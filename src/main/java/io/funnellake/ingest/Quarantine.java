package io.funnellake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.conform.TypedColumns;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ops.quarantine}: every rejected row with its raw text, reason, file, row number and load.
 * Reasons name the field and value (see {@link io.funnellake.conform.Typing}) or the structural
 * problem (see {@link io.funnellake.ingest.read.CsvRecords}).
 */
public final class Quarantine {
  public static final String TABLE = "quarantine";

  private Quarantine() {}

  /** The rejected rows of a typed batch in the quarantine table's columns. */
  public static Dataset<Row> rows(Dataset<Row> typed, EntityMapping mapping) {
    return typed
        .filter(col(TypedColumns.REJECT_REASON).isNotNull())
        .select(
            col(RawColumns.LOAD_ID).as("load_id"),
            col(RawColumns.SOURCE).as("source"),
            col(RawColumns.MAPPING).as("mapping"),
            lit(mapping.entity().table()).as("entity"),
            col(RawColumns.SOURCE_FILE).as("source_file"),
            col(RawColumns.ROW_NUMBER).as("row_number"),
            col(TypedColumns.REJECT_REASON).as("reason"),
            col(RawColumns.RAW).as("raw_text"),
            col(RawColumns.LOADED_AT).as("quarantined_at"));
  }

  public static void append(Lakehouse lakehouse, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").save(lakehouse.path(Lakehouse.OPS, TABLE));
  }
}
