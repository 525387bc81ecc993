package io.funnellake.lakehouse;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.funnellake.errors.Errors;
import io.funnellake.publish.Publications;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Compacts small files (OPTIMIZE) and deletes files no table version within the retention window
 * references (VACUUM), for every table of the lakehouse. Two guards: a retention below the
 * configured minimum is refused, and a gold table whose published version is no longer the latest
 * is not vacuumed once that version left the window, because its files are what readers see.
 */
public final class Maintenance {
  /** What was done to one table. */
  public record TableResult(String table, boolean optimized, String vacuum) {}

  private final Lakehouse lakehouse;

  public Maintenance(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  public List<TableResult> run(
      double retentionHours, double minRetentionHours, boolean optimize, boolean vacuum) {
    if (retentionHours < minRetentionHours) {
      throw Errors.retentionTooShort(retentionHours, minRetentionHours);
    }
    if (retentionHours < 168) {
      // the configured minimum allows it; Delta's built-in 7-day check would refuse otherwise
      lakehouse
          .spark()
          .conf()
          .set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    }
    Map<String, Long> published = new Publications(lakehouse).latest();
    long cutoff = System.currentTimeMillis() - (long) (retentionHours * 3_600_000L);
    List<TableResult> out = new ArrayList<>();
    for (String layer : Lakehouse.LAYERS) {
      for (String table : lakehouse.tables(layer)) {
        DeltaTable t = DeltaTable.forPath(lakehouse.spark(), lakehouse.path(layer, table));
        if (optimize) {
          t.optimize().executeCompaction();
        }
        String vacuumed = "not requested";
        if (vacuum) {
          String risk = publishedVersionAtRisk(layer, table, published, cutoff);
          if (risk != null) {
            vacuumed = "skipped: " + risk;
          } else {
            t.vacuum(retentionHours);
            vacuumed = "done";
          }
        }
        out.add(new TableResult(layer + "." + table, optimize, vacuumed));
      }
    }
    return out;
  }

  /**
   * The files of a published gold version start to be unreferenced with the next commit; once that
   * commit is older than the retention window, VACUUM would delete them.
   */
  private String publishedVersionAtRisk(
      String layer, String table, Map<String, Long> published, long cutoffMillis) {
    if (!layer.equals(Lakehouse.GOLD) || !published.containsKey(table)) {
      return null;
    }
    long v = published.get(table);
    if (lakehouse.version(layer, table) == v) {
      return null;
    }
    List<Row> next =
        DeltaTable.forPath(lakehouse.spark(), lakehouse.path(layer, table))
            .history()
            .filter(col("version").equalTo(v + 1))
            .select("timestamp")
            .collectAsList();
    Timestamp replacedAt = next.isEmpty() ? null : next.get(0).getTimestamp(0);
    if (replacedAt != null && replacedAt.getTime() > cutoffMillis) {
      return null;
    }
    return "published version "
        + v
        + " was replaced at "
        + replacedAt
        + ", outside the retention window; publish a newer version before vacuuming";
  }
}
