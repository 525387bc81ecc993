package io.funnellake.marts.common;

import io.funnellake.errors.Errors;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Input checks shared by mart transforms: fail early, naming the transform and the columns. */
public final class Inputs {
  private Inputs() {}

  /** Fails with a clear error when {@code df} lacks any of {@code columns}. */
  public static void require(String transform, Dataset<Row> df, String... columns) {
    List<String> present = Arrays.asList(df.columns());
    List<String> missing = Arrays.stream(columns).filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Errors.missingColumns(transform, missing, present);
    }
  }
}
