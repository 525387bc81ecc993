package io.funnellake.publish;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.quality.GrainCheck;
import io.funnellake.quality.QualityResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Write and audit of write-audit-publish: builds each mart, overwrites its Delta table (a new,
 * unpublished version), and checks the grain of the version just written. Publishing is a separate
 * step ({@link Publications#publish}).
 */
public final class MartWriter {
  /** Versions written and the audit results. */
  public record Result(
      Map<String, Long> goldVersions, Map<String, Long> allVersions, List<QualityResult> audits) {}

  private final Lakehouse lakehouse;

  public MartWriter(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  public Result buildAll(List<Mart> marts, MartContext ctx) {
    Map<String, Long> gold = new LinkedHashMap<>();
    Map<String, Long> all = new LinkedHashMap<>();
    List<QualityResult> audits = new ArrayList<>();
    for (Mart m : marts) {
      lakehouse
          .spark()
          .sparkContext()
          .setJobGroup("marts", "build " + m.layer() + "." + m.name(), false);
      long version = write(m, m.build(ctx));
      all.put(m.layer() + "." + m.name(), version);
      if (m.layer().equals(Lakehouse.GOLD)) {
        gold.put(m.name(), version);
        Dataset<Row> written = lakehouse.read(Lakehouse.GOLD, m.name(), version);
        audits.add(GrainCheck.check(Lakehouse.GOLD + "." + m.name(), m.grain(), written));
      }
      FailPoints.check("after_mart:" + m.name());
    }
    return new Result(gold, all, audits);
  }

  private long write(Mart m, Dataset<Row> df) {
    df.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(lakehouse.path(m.layer(), m.name()));
    return lakehouse.version(m.layer(), m.name());
  }
}
