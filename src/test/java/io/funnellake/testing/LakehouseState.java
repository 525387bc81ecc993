package io.funnellake.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.ingest.IngestLog;
import io.funnellake.ingest.Quarantine;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.Publications;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * What a lakehouse holds, as comparable text: every silver table, every gold table at its published
 * version, bronze row counts per table and source file, the ingest log's accounting and the
 * quarantine. Two lakehouses that loaded the same landing files must capture equal whatever the
 * order, number or interruptions of their runs. Tables are discovered, so new marts are covered.
 *
 * <p>Left out, because they differ between runs by design: load ids and load times ({@link
 * #VOLATILE}), and the ingest log's load ids, log times and file modification times. Doubles are
 * rounded to 9 decimals, since a sum's last bits depend on the order Spark adds in.
 *
 * @param silver silver table to sorted rows
 * @param gold published gold table to sorted rows
 * @param bronzeRows bronze table to rows per source file
 * @param ingestLog one line per ingest log entry, sorted
 * @param quarantine one line per quarantined row, sorted
 */
public record LakehouseState(
    Map<String, List<String>> silver,
    Map<String, List<String>> gold,
    Map<String, Map<String, Long>> bronzeRows,
    List<String> ingestLog,
    List<String> quarantine) {

  /** Columns whose values name the run that wrote a row, not the data. */
  public static final Set<String> VOLATILE =
      Set.of(RawColumns.LOAD_ID, RawColumns.LOADED_AT, "_run_id", "_built_at");

  public static LakehouseState capture(Lakehouse lh) {
    Map<String, List<String>> silver = new TreeMap<>();
    for (String t : lh.tables(Lakehouse.SILVER)) {
      silver.put(t, rows(lh.read(Lakehouse.SILVER, t)));
    }
    Map<String, List<String>> gold = new TreeMap<>();
    for (Map.Entry<String, Long> e : new Publications(lh).latest().entrySet()) {
      gold.put(e.getKey(), rows(lh.read(Lakehouse.GOLD, e.getKey(), e.getValue())));
    }
    Map<String, Map<String, Long>> bronze = new TreeMap<>();
    for (String t : lh.tables(Lakehouse.BRONZE)) {
      Map<String, Long> perFile = new TreeMap<>();
      for (Row r :
          lh.read(Lakehouse.BRONZE, t).groupBy(RawColumns.SOURCE_FILE).count().collectAsList()) {
        perFile.put(r.getString(0), r.getLong(1));
      }
      bronze.put(t, perFile);
    }
    List<String> log =
        lh.exists(Lakehouse.OPS, IngestLog.TABLE)
            ? rows(
                lh.read(Lakehouse.OPS, IngestLog.TABLE)
                    .select(
                        "mapping",
                        "file_path",
                        "file_date",
                        "size_bytes",
                        "checksum",
                        "status",
                        "rows_read",
                        "rows_accepted",
                        "rows_quarantined",
                        "rows_filtered"))
            : List.of();
    List<String> quarantine =
        lh.exists(Lakehouse.OPS, Quarantine.TABLE)
            ? rows(
                lh.read(Lakehouse.OPS, Quarantine.TABLE)
                    .select("mapping", "source_file", "row_number", "reason", "raw_text"))
            : List.of();
    return new LakehouseState(silver, gold, bronze, log, quarantine);
  }

  /** Rows of a frame as sorted text, without {@link #VOLATILE} columns. */
  public static List<String> rows(Dataset<Row> df) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (VOLATILE.contains(f.name())) {
        continue;
      }
      Column c = col("`" + f.name() + "`");
      boolean floating =
          f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType);
      cols.add(floating ? round(c, 9).as(f.name()) : c);
    }
    List<String> out = new ArrayList<>();
    for (Row r : df.select(cols.toArray(new Column[0])).collectAsList()) {
      out.add(r.toString());
    }
    out.sort(String::compareTo);
    return out;
  }

  /** Differences to {@code actual}, at most a few rows per table; empty when equal. */
  public List<String> differences(LakehouseState actual) {
    List<String> out = new ArrayList<>();
    compareTables("silver", silver, actual.silver, out);
    compareTables("gold", gold, actual.gold, out);
    Set<String> bronzeTables = new LinkedHashSet<>(bronzeRows.keySet());
    bronzeTables.addAll(actual.bronzeRows.keySet());
    for (String t : bronzeTables) {
      Map<String, Long> e = bronzeRows.getOrDefault(t, Map.of());
      Map<String, Long> a = actual.bronzeRows.getOrDefault(t, Map.of());
      if (!e.equals(a)) {
        out.add("bronze." + t + " rows per file: expected " + e + " but was " + a);
      }
    }
    compareRows("ops.ingest_log", ingestLog, actual.ingestLog, out);
    compareRows("ops.quarantine", quarantine, actual.quarantine, out);
    return out;
  }

  /** Fails listing the differences when {@code actual} does not hold what this state holds. */
  public void assertSameAs(LakehouseState actual, String context) {
    assertEquals(List.of(), differences(actual), context);
  }

  private static void compareTables(
      String layer,
      Map<String, List<String>> expected,
      Map<String, List<String>> actual,
      List<String> out) {
    if (!expected.keySet().equals(actual.keySet())) {
      out.add(layer + " tables: expected " + expected.keySet() + " but was " + actual.keySet());
    }
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> a = actual.get(e.getKey());
      if (a != null) {
        compareRows(layer + "." + e.getKey(), e.getValue(), a, out);
      }
    }
  }

  /** Multiset difference both ways, shown as up to three rows each. */
  static void compareRows(
      String what, List<String> expected, List<String> actual, List<String> out) {
    if (expected.equals(actual)) {
      return;
    }
    List<String> missing = new ArrayList<>(expected);
    List<String> extra = new ArrayList<>(actual);
    for (String row : actual) {
      missing.remove(row);
    }
    for (String row : expected) {
      extra.remove(row);
    }
    out.add(
        String.format(
            "%s: %d rows expected, %d found; missing %s; unexpected %s",
            what,
            expected.size(),
            actual.size(),
            missing.subList(0, Math.min(3, missing.size())),
            extra.subList(0, Math.min(3, extra.size()))));
  }
}
