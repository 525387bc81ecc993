package io.funnellake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Golden files: expected outputs kept as CSV beside the fixtures (data/fixtures/.../expected). Rows
 * are compared as text in the file's column order, sorted, so the check is exact but independent of
 * row order.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(Path expectedCsv, Dataset<Row> actual) {
    List<String> expected;
    try {
      expected = new ArrayList<>(Files.readAllLines(expectedCsv));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String header = expected.remove(0);
    String[] cols = header.split(",");
    List<String> got = new ArrayList<>();
    for (Row r : actual.selectExpr(cols).collectAsList()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(r.isNullAt(i) ? "" : r.get(i).toString());
      }
      got.add(sb.toString());
    }
    expected.sort(String::compareTo);
    got.sort(String::compareTo);
    assertEquals(String.join("\n", expected), String.join("\n", got), "golden " + expectedCsv);
  }
}
