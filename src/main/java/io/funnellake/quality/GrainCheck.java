package io.funnellake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every gold table's grain must be unique and not null: a duplicate means a join fanned rows out.
 * An error-level check run on each table before it is published.
 */
public final class GrainCheck {
  private GrainCheck() {}

  public static QualityResult check(String table, List<String> grain, Dataset<Row> df) {
    String rule = "grain:" + table;
    Column anyNull = lit(false);
    for (String g : grain) {
      anyNull = anyNull.or(col(g).isNull());
    }
    List<Row> nulls = df.filter(anyNull).limit(1).collectAsList();
    if (!nulls.isEmpty()) {
      return QualityResult.of(
          rule, Level.ERROR, false, 1, 0, "null in grain " + grain + ": " + nulls.get(0));
    }
    Column[] cols = grain.stream().map(c -> col(c)).toArray(Column[]::new);
    List<Row> dupes = df.groupBy(cols).count().filter(col("count").gt(1)).limit(1).collectAsList();
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
