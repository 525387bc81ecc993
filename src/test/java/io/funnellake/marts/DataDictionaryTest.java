package io.funnellake.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.scoring.BacktestTables;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/data-dictionary.md must describe every gold table exactly: same tables, grain, column names,
 * order and types. Schemas come from each mart's plan on empty silver inputs (no job runs).
 */
class DataDictionaryTest {
  @TempDir Path tmp;

  record Section(List<String> grain, List<String[]> columns) {}

  static Map<String, Section> parse(String doc) {
    Map<String, Section> out = new LinkedHashMap<>();
    String[] parts = doc.split("\n## gold\\.");
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      String name = part.substring(0, part.indexOf('\n')).trim();
      List<String> grain = new ArrayList<>();
      Matcher g = Pattern.compile("(?m)^Grain: (.*)$").matcher(part);
      if (g.find()) {
        Matcher c = Pattern.compile("`([a-z0-9_]+)`").matcher(g.group(1));
        while (c.find()) {
          grain.add(c.group(1));
        }
      }
      List<String[]> cols = new ArrayList<>();
      Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9_]+)` \\| ([^|]+) \\|").matcher(part);
      while (row.find()) {
        cols.add(new String[] {row.group(1), row.group(2).trim()});
      }
      out.put(name, new Section(grain, cols));
    }
    return out;
  }

  /** Output of every mart, built in order on empty silver frames (lazy: no Spark job runs). */
  static Map<String, Dataset<Row>> plans(Path emptyLakehouse) {
    var config = TestConfigs.config(emptyLakehouse, emptyLakehouse, "2025-11-20");
    Lakehouse lh = new Lakehouse(TestSpark.session(), emptyLakehouse.toString());
    Map<String, Dataset<Row>> built = new HashMap<>();
    Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
    for (Mart m : Marts.all()) {
      MartContext ctx =
          new MartContext(lh, config, new Pseudonyms(TestConfigs.KEY)).withTables(built);
      Dataset<Row> df = m.build(ctx);
      // later marts see an empty leaf with this schema, as the nightly reads each mart back from
      // its table: chaining the lazy plans instead makes every mart re-analyse all earlier ones
      built.put(
          m.layer() + "." + m.name(),
          TestSpark.session().createDataFrame(new ArrayList<Row>(), df.schema()));
      if (m.layer().equals(Lakehouse.GOLD)) {
        gold.put(m.name(), df);
      }
    }
    return gold;
  }

  @Test
  void everyGoldTableIsDocumentedWithItsExactSchemaAndGrain() throws Exception {
    Map<String, Section> doc =
        parse(Files.readString(TestConfigs.projectDir().resolve("docs/data-dictionary.md")));
    Map<String, Dataset<Row>> plans = plans(tmp.resolve("empty"));
    Map<String, List<String>> grains = new HashMap<>();
    for (Mart m : Marts.all()) {
      grains.put(m.name(), m.grain());
    }
    // gold tables written by ./funnel backtest rather than by a mart (issue 5)
    for (BacktestTables.Table t : BacktestTables.ALL) {
      plans.put(t.name(), TestSpark.session().createDataFrame(List.of(), t.schema()));
      grains.put(t.name(), t.grain());
    }
    assertEquals(plans.keySet(), doc.keySet(), "gold tables vs documented sections");
    for (var e : plans.entrySet()) {
      Section s = doc.get(e.getKey());
      List<String> expected = new ArrayList<>();
      for (StructField f : e.getValue().schema().fields()) {
        expected.add(f.name() + " " + f.dataType().simpleString());
      }
      List<String> documented = s.columns().stream().map(c -> c[0] + " " + c[1]).toList();
      assertEquals(expected, documented, "columns of gold." + e.getKey());
      assertEquals(grains.get(e.getKey()), s.grain(), "grain of gold." + e.getKey());
      assertTrue(
          s.columns().stream().map(c -> c[0]).toList().containsAll(s.grain()),
          "grain columns are columns of gold." + e.getKey());
    }
  }
}
