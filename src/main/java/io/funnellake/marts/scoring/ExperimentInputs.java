package io.funnellake.marts.scoring;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Conform;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.contract.Entity;
import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs a backtest reads, pinned to Delta versions: the versions are taken once when the
 * backtest starts (so a nightly landing meanwhile changes nothing), recorded with the experiment,
 * and read again by time travel for {@code --from-experiment}.
 */
public final class ExperimentInputs {
  /** The intermediate with every lead's stage entries (built by the funnel marts). */
  public static final String STAGE_EVENTS = "int_lead_stage_events";

  /** Silver entities a backtest reads. */
  public static final List<Entity> ENTITIES =
      List.of(
          Entity.LEADS,
          Entity.CAMPAIGN_RESPONSES,
          Entity.CONTENT_ASSETS,
          Entity.CAMPAIGNS,
          Entity.SALES_ACTIVITIES,
          Entity.REPS);

  private ExperimentInputs() {}

  /** {@code silver.<table>} to its latest version, -1 for a table never written. */
  public static Map<String, Long> current(Lakehouse lakehouse) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Entity e : ENTITIES) {
      out.put(key(e.table()), lakehouse.version(Lakehouse.SILVER, e.table()));
    }
    out.put(key(STAGE_EVENTS), lakehouse.version(Lakehouse.SILVER, STAGE_EVENTS));
    return out;
  }

  /**
   * A mart context whose inputs are the given versions (time travel); a version of -1 reads as the
   * empty table (it did not exist when the experiment ran).
   */
  public static MartContext pinned(
      Lakehouse lakehouse,
      FunnelConfig config,
      Pseudonyms pseudonyms,
      Map<String, Long> versions,
      String experimentId) {
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    for (Entity e : ENTITIES) {
      long v = versions.getOrDefault(key(e.table()), -1L);
      tables.put(
          key(e.table()),
          v < 0
              ? Conform.emptySilver(lakehouse.spark(), e, config, pseudonyms)
              : read(lakehouse, experimentId, e.table(), v));
    }
    long v = versions.getOrDefault(key(STAGE_EVENTS), -1L);
    if (v < 0) {
      throw Errors.tableMissing(key(STAGE_EVENTS), lakehouse.path(Lakehouse.SILVER, STAGE_EVENTS));
    }
    tables.put(key(STAGE_EVENTS), read(lakehouse, experimentId, STAGE_EVENTS, v));
    return new MartContext(lakehouse, config, pseudonyms).withTables(tables);
  }

  private static Dataset<Row> read(Lakehouse lakehouse, String experimentId, String table, long v) {
    try {
      Dataset<Row> df = lakehouse.read(Lakehouse.SILVER, table, v);
      df.schema(); // resolves the snapshot now: a version whose log is gone fails here
      return df;
    } catch (RuntimeException e) {
      throw Errors.experimentInputGone(experimentId, key(table), v, e);
    }
  }

  static String key(String table) {
    return Lakehouse.SILVER + "." + table;
  }
}
