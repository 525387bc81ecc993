package io.funnellake.marts.common;

import io.funnellake.errors.Errors;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Input checks shared by mart transforms: a missing column fails early, naming the transform. */
public final class Inputs {
  private Inputs() {}

  /** Returns {@code df} when it has every column; a TRANSFORM_INPUT error otherwise. */
  public static Dataset<Row> require(Dataset<Row> df, String transform, String... columns) {
    List<String> present = Arrays.asList(df.columns());
    List<String> missing = Arrays.stream(columns).filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Errors.missingColumns(transform, missing, present);
    }
    return df;
  }

  /** The same check, for callers that name the transform first and do not chain. */
  public static void require(String transform, Dataset<Row> df, String... columns) {
    require(df, transform, columns);
  }
}
