package io.funnellake.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Scans tables for personal data taken from the inputs: every string column (also inside arrays,
 * via their string form) is checked for any of the e-mails and phones as substrings and any of the
 * names as whole values, case-insensitively. Returns the findings as "table.column: value".
 */
public final class PrivacyScan {
  private PrivacyScan() {}

  public static List<String> findings(
      SparkSession spark, List<String> tables, Set<String> substrings, Set<String> wholeValues) {
    List<String> out = new ArrayList<>();
    for (String table : tables) {
      Dataset<Row> df = spark.table(table);
      for (StructField f : df.schema().fields()) {
        String type = f.dataType().typeName();
        if (!type.equals("string")
            && !type.equals("array")
            && !type.equals("map")
            && !type.equals("struct")) {
          continue;
        }
        Column v = lower(col("`" + f.name() + "`").cast("string"));
        Column hit = v.isin(wholeValues.stream().map(String::toLowerCase).toArray());
        for (String s : substrings) {
          hit = hit.or(v.contains(s.toLowerCase()));
        }
        for (Row r : df.select(v.as("v")).filter(hit).limit(3).collectAsList()) {
          out.add(table + "." + f.name() + ": " + r.getString(0));
        }
      }
    }
    return out;
  }
}
