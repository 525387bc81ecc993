package io.funnellake.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.funnellake.contract.Entity;
import io.funnellake.ingest.read.RawColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Version order of records sharing a key: the later version field (updated_at) wins whatever the
 * file order; equal or absent versions fall back to the later load, then file, then row. The same
 * order decides inside a batch ({@link #latestPerKey}) and against silver ({@link
 * #newerCondition}), so an older record never overwrites a newer one.
 */
public final class Latest {
  private Latest() {}

  /** Keeps one row per key: the latest by the version order. */
  public static Dataset<Row> latestPerKey(Dataset<Row> rows, Entity entity) {
    Column[] keys = entity.keys().stream().map(k -> col(k)).toArray(Column[]::new);
    WindowSpec w = Window.partitionBy(keys).orderBy(descendingOrder(entity));
    return rows.withColumn("_rn", row_number().over(w)).filter(col("_rn").equalTo(1)).drop("_rn");
  }

  private static Column[] descendingOrder(Entity entity) {
    List<Column> order = new ArrayList<>();
    entity.versionField().ifPresent(v -> order.add(col(v).desc_nulls_last()));
    order.add(col(RawColumns.LOAD_ID).desc());
    order.add(col(RawColumns.SOURCE_FILE).desc());
    order.add(col(RawColumns.ROW_NUMBER).desc());
    return order.toArray(new Column[0]);
  }

  /** SQL condition, over aliases {@code s} (incoming) and {@code t} (silver): s is newer. */
  public static String newerCondition(Entity entity) {
    String tie =
        "(s._load_id > t._load_id OR (s._load_id = t._load_id AND (s._source_file > t._source_file"
            + " OR (s._source_file = t._source_file AND s._row_number > t._row_number))))";
    return entity
        .versionField()
        .map(
            v ->
                "(s.%1$s > t.%1$s OR (t.%1$s IS NULL AND s.%1$s IS NOT NULL) OR (s.%1$s <=> t.%1$s AND %2$s))"
                    .formatted(v, tie))
        .orElse(tie);
  }

  /** SQL join condition on the entity's keys between aliases s and t. */
  public static String keyCondition(Entity entity) {
    return String.join(" AND ", entity.keys().stream().map(k -> "s." + k + " = t." + k).toList());
  }
}
