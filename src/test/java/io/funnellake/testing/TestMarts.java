package io.funnellake.testing;

import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * In-memory mart runs: contexts over an empty lakehouse whose silver tables are the frames given,
 * building a chain of marts (intermediates first), each seeing the ones before it. No Delta writes;
 * for small test inputs only (each mart's rows are collected).
 */
public final class TestMarts {
  private TestMarts() {}

  /**
   * @param tables e.g. {@code "silver.leads" -> frame}; entities not given are empty
   * @param extra config overrides, as for {@link TestConfigs#config}
   */
  public static MartContext context(
      Path emptyDir, String runDate, Map<String, Dataset<Row>> tables, String... extra) {
    var config = TestConfigs.config(emptyDir, emptyDir, runDate, extra);
    Lakehouse lh = new Lakehouse(TestSpark.session(), emptyDir.toString());
    return new MartContext(lh, config, new Pseudonyms(TestConfigs.KEY)).withTables(tables);
  }

  /** Builds the marts in order; returns every table by "layer.name", the inputs included. */
  public static Map<String, Dataset<Row>> build(
      Path emptyDir,
      String runDate,
      Map<String, Dataset<Row>> inputs,
      List<Mart> marts,
      String... extra) {
    Map<String, Dataset<Row>> tables = new HashMap<>(inputs);
    for (Mart m : marts) {
      Dataset<Row> df = m.build(context(emptyDir, runDate, tables, extra));
      // materialised as a local leaf, as the nightly reads each mart back from its table: later
      // marts then plan over small inputs instead of the whole chain
      tables.put(
          m.layer() + "." + m.name(),
          df.sparkSession().createDataFrame(df.collectAsList(), df.schema()));
    }
    return tables;
  }
}
