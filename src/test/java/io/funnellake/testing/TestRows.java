package io.funnellake.testing;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Compact text of selected columns for exact assertions: each row as {@code "a|b|c"} (timestamps as
 * {@code yyyy-MM-dd HH:mm} UTC, null as {@code -}), sorted.
 */
public final class TestRows {
  private TestRows() {}

  public static List<String> of(Dataset<Row> df, String... columns) {
    List<Column> parts = new ArrayList<>();
    for (String c : columns) {
      DataType t = df.schema().apply(c).dataType();
      Column v =
          t.equals(DataTypes.TimestampType)
              ? date_format(col(c), "yyyy-MM-dd HH:mm")
              : col(c).cast("string");
      parts.add(coalesce(v, lit("-")));
    }
    return df.select(concat_ws("|", parts.toArray(new Column[0])).as("r")).collectAsList().stream()
        .map(r -> r.getString(0))
        .sorted()
        .toList();
  }
}
