package io.funnellake.marts.attribution;

import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTimeTest {
  @TempDir Path tmp;

  @Test
  void time() {
    var config = TestConfigs.config(tmp, tmp, "2025-11-20");
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    TestSpark.session().range(1).count();
    Map<String, Dataset<Row>> built = new HashMap<>();
    for (Mart m : AttributionMarts.all()) {
      MartContext ctx =
          new MartContext(lh, config, new Pseudonyms(TestConfigs.KEY)).withTables(built);
      long t0 = System.nanoTime();
      Dataset<Row> df = m.build(ctx);
      long t1 = System.nanoTime();
      df.queryExecution().optimizedPlan();
      long t2 = System.nanoTime();
      df.queryExecution().executedPlan();
      long t3 = System.nanoTime();
      System.out.println(
          "PLAN "
              + m.name()
              + " build "
              + (t1 - t0) / 1000000
              + " optimize "
              + (t2 - t1) / 1000000
              + " physical "
              + (t3 - t2) / 1000000
              + " nodes "
              + df.queryExecution().optimizedPlan().treeString().split("\n").length);
      built.put(m.layer() + "." + m.name(), df);
    }
  }
}
