package io.funnellake.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.config.ConfigLoader;
import io.funnellake.conform.Conform;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.contract.Entity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Small in-memory frames for mart tests, without Delta or files. {@link #silver} builds rows with
 * exactly the silver schema of an entity from a header and CSV lines (columns not given are null;
 * timestamps as {@code 2025-11-04T10:00:00Z} or {@code 2025-11-04 10:00:00}, both UTC).
 */
public final class TestFrames {
  private TestFrames() {}

  /** The silver schema of an entity (same code path as ingest, on no rows). */
  public static StructType silverSchema(Entity entity) {
    SparkSession spark = TestSpark.session();
    return Conform.emptySilver(
            spark, entity, ConfigLoader.load(null, Map.of()), new Pseudonyms(TestConfigs.KEY))
        .schema();
  }

  /**
   * Rows of {@code silver.<entity>}: {@code silver(LEADS, "lead_id,created_at,status",
   * "L1,2025-11-01T09:00:00Z,mql")}. Values are cast to the silver type; empty means null. {@code
   * is_deleted} defaults to false like ingest does.
   */
  public static Dataset<Row> silver(Entity entity, String header, String... lines) {
    StructType schema = silverSchema(entity);
    Dataset<Row> strings = strings(header, lines);
    List<String> given = Arrays.asList(header.split(header.contains("|") ? "\\|" : ","));
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (given.contains(f.name())) {
        Column c = col(f.name());
        if (f.dataType().typeName().equals("timestamp")) {
          c =
              org.apache.spark.sql.functions.to_timestamp(
                  org.apache.spark.sql.functions.regexp_replace(c, "Z$", ""));
        }
        cols.add(c.cast(f.dataType()).as(f.name()));
      } else if (f.name().equals("is_deleted")) {
        cols.add(lit(false).as(f.name()));
      } else {
        cols.add(lit(null).cast(f.dataType()).as(f.name()));
      }
    }
    for (String g : given) {
      if (!schema.getFieldIndex(g).isDefined()) {
        throw new IllegalArgumentException("silver." + entity.table() + " has no column " + g);
      }
    }
    return strings.select(cols.toArray(new Column[0]));
  }

  /**
   * A frame of string columns from a header and lines split on commas, or on {@code |} when the
   * header uses it (for values containing commas). No quoting; empty means null.
   */
  public static Dataset<Row> strings(String header, String... lines) {
    SparkSession spark = TestSpark.session();
    String sep = header.contains("|") ? "\\|" : ",";
    String[] names = header.split(sep);
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      String[] v = line.split(sep, -1);
      if (v.length != names.length) {
        throw new IllegalArgumentException("expected " + names.length + " values: " + line);
      }
      Object[] o = new Object[v.length];
      for (int i = 0; i < v.length; i++) {
        o[i] = v[i].isEmpty() ? null : v[i];
      }
      rows.add(org.apache.spark.sql.RowFactory.create(o));
    }
    StructType schema = new StructType();
    for (String n : names) {
      schema = schema.add(n, "string");
    }
    return spark.createDataFrame(rows, schema);
  }

  /** Rows as sorted strings "[a,b,c]", for exact comparisons independent of order. */
  public static List<String> sortedRows(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
