package io.funnellake.generate;

import io.funnellake.contract.Entity;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Files, rows and bytes written per entity (in contract order), as printed by the command. */
public final class GenerateSummary {
  /** Totals of one entity. */
  public record Totals(long files, long rows, long bytes) {}

  private final String out;
  private final Map<String, Totals> byEntity = new LinkedHashMap<>();

  GenerateSummary(String out, List<Row> fileStats) {
    this.out = out;
    for (Entity e : Entity.values()) {
      byEntity.put(e.table(), new Totals(0, 0, 0));
    }
    for (Row r : fileStats) {
      byEntity.merge(
          r.getString(0),
          new Totals(1, r.getLong(3), r.getLong(4)),
          (a, b) -> new Totals(a.files + b.files, a.rows + b.rows, a.bytes + b.bytes));
    }
  }

  /** Entity table name to its totals, every entity present (zeros when nothing was written). */
  public Map<String, Totals> byEntity() {
    return byEntity;
  }

  public Totals total() {
    long f = 0;
    long r = 0;
    long b = 0;
    for (Totals t : byEntity.values()) {
      f += t.files;
      r += t.rows;
      b += t.bytes;
    }
    return new Totals(f, r, b);
  }

  public void print(PrintStream ps) {
    ps.println("Generated into " + out + ":");
    ps.printf("  %-27s %7s %12s %14s%n", "entity", "files", "rows", "bytes");
    byEntity.forEach((e, t) -> ps.printf("  %-27s %7d %12d %14d%n", e, t.files, t.rows, t.bytes));
    Totals t = total();
    ps.printf("  %-27s %7d %12d %14d%n", "total", t.files, t.rows, t.bytes);
    ps.flush();
  }
}
