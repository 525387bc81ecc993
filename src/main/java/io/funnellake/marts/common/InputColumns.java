package io.funnellake.marts.common;

import io.funnellake.errors.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The input check every transform starts with: its required columns are present. */
public final class InputColumns {
  private InputColumns() {}

  /** Fails with {@link Errors#missingColumns} naming the transform when a column is absent. */
  public static void require(String transform, Dataset<Row> df, String... columns) {
    List<String> present = Arrays.asList(df.columns());
    List<String> missing = new ArrayList<>();
    for (String c : columns) {
      if (!present.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw Errors.missingColumns(transform, missing, present);
    }
  }
}
