package io.funnellake.ingest;

import static org.apache.spark.sql.functions.col;

import io.funnellake.contract.Entity;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code bronze.<entity>}: parsed rows exactly as landed (untyped strings under canonical names,
 * unmapped columns in {@code _extra}) plus load metadata: source, mapping, file, row number, load
 * id and load time. Append-only; rows of a load that did not commit are removed by {@link
 * Recovery}.
 */
public final class Bronze {
  private Bronze() {}

  public static List<String> columns(Entity entity) {
    List<String> cols = new ArrayList<>(entity.fieldNames());
    cols.addAll(
        List.of(
            RawColumns.EXTRA,
            RawColumns.SOURCE,
            RawColumns.MAPPING,
            RawColumns.SOURCE_FILE,
            RawColumns.ROW_NUMBER,
            RawColumns.LOAD_ID,
            RawColumns.LOADED_AT));
    return cols;
  }

  public static void append(Lakehouse lakehouse, Entity entity, Dataset<Row> parsed) {
    Column[] cols = columns(entity).stream().map(c -> col(c)).toArray(Column[]::new);
    parsed
        .select(cols)
        .write()
        .format("delta")
        .mode("append")
        .save(lakehouse.path(Lakehouse.BRONZE, entity.table()));
  }
}
