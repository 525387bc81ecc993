package io.funnellake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every gold table's grain must be unique and not null: a duplicate means a join fanned rows out.
 * An error-level check run on each table before it is published.
 *
 * <p>One pass groups a 64-bit hash of the grain columns, not the columns themselves (a wide gold
 * grain holds a dozen strings): only hashes seen twice, or rows with a null, are then checked
 * exactly, so a hash collision never fails a table and a duplicate never passes.
 */
public final class GrainCheck {
  private GrainCheck() {}

  private static final String HASH = "_grain_hash";

  public static QualityResult check(String table, List<String> grain, Dataset<Row> df) {
    return check(table, grain, df, cols -> xxhash64(cols));
  }

  /** {@code hashOf}: the grouping hash of the grain columns (tests force collisions with it). */
  static QualityResult check(
      String table, List<String> grain, Dataset<Row> df, Function<Column[], Column> hashOf) {
    String rule = "grain:" + table;
    Column[] cols = grain.stream().map(c -> col(c)).toArray(Column[]::new);
    Column anyNull = lit(false);
    for (Column c : cols) {
      anyNull = anyNull.or(c.isNull());
    }
    Dataset<Row> suspects =
        df.groupBy(hashOf.apply(cols).as(HASH))
            .agg(count(lit(1)).as("_rows"), max(anyNull).as("_null"))
            .filter(col("_rows").gt(1).or(col("_null")));
    if (suspects.isEmpty()) {
      return QualityResult.of(rule, Level.ERROR, true, 1, 1, "unique and not null on " + grain);
    }
    List<Row> nulls = df.filter(anyNull).limit(1).collectAsList();
    if (!nulls.isEmpty()) {
      return QualityResult.of(
          rule, Level.ERROR, false, 1, 0, "null in grain " + grain + ": " + nulls.get(0));
    }
    List<Row> dupes =
        df.withColumn(HASH, hashOf.apply(cols))
            .join(suspects.select(HASH), HASH, "left_semi")
            .groupBy(cols)
            .count()
            .filter(col("count").gt(1))
            .limit(1)
            .collectAsList();
    if (!dupes.isEmpty()) {
      return QualityResult.of(
          rule,
          Level.ERROR,
          false,
          dupes.get(0).getLong(grain.size()),
          1,
          "duplicate grain " + grain + ": " + dupes.get(0));
    }
    return QualityResult.of(rule, Level.ERROR, true, 1, 1, "unique and not null on " + grain);
  }
}
