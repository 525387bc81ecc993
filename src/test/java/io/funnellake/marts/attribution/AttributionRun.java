package io.funnellake.marts.attribution;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds every attribution mart in order on in-memory silver frames (no Delta): each output is
 * materialised with {@code localCheckpoint} so later marts read it like a written table, and so a
 * second run under other Spark settings recomputes everything (a cache would be reused).
 */
final class AttributionRun {
  private AttributionRun() {}

  /** Config with the given {@code funnel.attribution.*} overrides (keys without the prefix). */
  static FunnelConfig config(Path tmp, String runDate, String... attribution) {
    String[] extra = new String[attribution.length];
    for (int i = 0; i < attribution.length; i += 2) {
      extra[i] = "attribution." + attribution[i];
      extra[i + 1] = attribution[i + 1];
    }
    return TestConfigs.config(tmp.resolve("lakehouse"), tmp.resolve("landing"), runDate, extra);
  }

  /**
   * @param silver frames by table name, e.g. {@code "silver.leads"}
   * @return every attribution mart's output by {@code layer.name}, plus the inputs
   */
  static Map<String, Dataset<Row>> build(
      Path tmp, FunnelConfig config, Map<String, Dataset<Row>> silver) {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.resolve("lakehouse").toString());
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>(silver);
    for (Mart m : AttributionMarts.all()) {
      MartContext ctx =
          new MartContext(lh, config, new Pseudonyms(TestConfigs.KEY)).withTables(tables);
      tables.put(m.layer() + "." + m.name(), m.build(ctx).localCheckpoint());
    }
    return tables;
  }
}
