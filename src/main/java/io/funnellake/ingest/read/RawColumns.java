package io.funnellake.ingest.read;

import io.funnellake.contract.Entity;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of rows as read from landing files: every canonical field of the entity as the raw
 * string, then load metadata. Bronze keeps these (without {@code _raw}, {@code _error} and {@code
 * _kind}).
 */
public final class RawColumns {
  private RawColumns() {}

  /** Unmapped source columns with a value, name to raw value: kept, never silently dropped. */
  public static final String EXTRA = "_extra";

  public static final String SOURCE = "_source";
  public static final String MAPPING = "_mapping";
  public static final String SOURCE_FILE = "_source_file";

  /** Line of the file where the record starts; the header is line 1. */
  public static final String ROW_NUMBER = "_row_number";

  /** The record's text as read: kept for quarantine. */
  public static final String RAW = "_raw";

  /** Why the record could not be parsed; null for a parsed record. */
  public static final String ERROR = "_error";

  /** {@code row} for a record, {@code file} for the one summary row each file ends with. */
  public static final String KIND = "_kind";

  public static final String LOAD_ID = "_load_id";
  public static final String LOADED_AT = "_loaded_at";

  public static final String KIND_ROW = "row";
  public static final String KIND_FILE = "file";

  /** Schema of the reader's output for an entity. */
  public static StructType readSchema(Entity entity) {
    List<StructField> fields = new ArrayList<>();
    for (String f : entity.fieldNames()) {
      fields.add(DataTypes.createStructField(f, DataTypes.StringType, true));
    }
    fields.add(
        DataTypes.createStructField(
            EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true));
    fields.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(MAPPING, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(ROW_NUMBER, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
    return DataTypes.createStructType(fields);
  }
}
