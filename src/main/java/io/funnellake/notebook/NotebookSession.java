package io.funnellake.notebook;

import io.funnellake.config.ConfigLoader;
import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.PseudonymKeys;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.lakehouse.SparkSessions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a notebook (notebooks/*.ipynb, Java kernel) works with: the lakehouse, the config and the
 * pseudonymisation key. In Jupyter the first call builds them like {@code ./funnel} does: the
 * profile {@code -Dfunnel.config} or {@code $FUNNEL_HOME/conf/local.conf}, its lakehouse, a local
 * SparkSession with the catalog registered. A test hands in its shared session with {@link #use}
 * before running a notebook ({@code io.funnellake.testing.NotebookRunner}), so the notebook's cells
 * run against the test's lakehouse.
 */
public final class NotebookSession {
  private static Lakehouse lakehouse;
  private static FunnelConfig config;
  private static Pseudonyms pseudonyms;

  private NotebookSession() {}

  /** Makes notebooks use this lakehouse, config and key (tests). */
  public static synchronized void use(Lakehouse lh, FunnelConfig cfg, Pseudonyms keys) {
    lakehouse = lh;
    config = cfg;
    pseudonyms = keys;
    Catalog.register(lh);
  }

  /** Forgets what {@link #use} set. */
  public static synchronized void clear() {
    lakehouse = null;
    config = null;
    pseudonyms = null;
  }

  public static synchronized Lakehouse lakehouse() {
    if (lakehouse == null) {
      String home =
          System.getenv().getOrDefault("FUNNEL_HOME", System.getProperty("funnel.home", "."));
      String profile =
          System.getProperty("funnel.config", new File(home, "conf/local.conf").getPath());
      FunnelConfig cfg =
          ConfigLoader.load(new File(profile).isFile() ? profile : null, Map.of("home", home));
      Lakehouse lh = new Lakehouse(SparkSessions.create(cfg), cfg.lakehouse());
      use(
          lh,
          cfg,
          PseudonymKeys.resolve(
              cfg.pseudonym(), lh.root(), lh.spark().sparkContext().hadoopConfiguration()));
    }
    return lakehouse;
  }

  public static synchronized FunnelConfig config() {
    lakehouse();
    return config;
  }

  public static synchronized Pseudonyms pseudonyms() {
    lakehouse();
    return pseudonyms;
  }

  /**
   * The first {@code maxRows} rows as a text table (header, then one line per row, cells separated
   * by " | "): what a notebook cell shows and a test can compare.
   */
  public static String show(Dataset<Row> df, int maxRows) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(" | ", df.columns()));
    // bounded by maxRows
    for (Row r : df.limit(maxRows).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.isNullAt(i) ? "null" : String.valueOf(r.get(i)));
      }
      lines.add(String.join(" | ", cells));
    }
    return String.join("\n", lines);
  }
}
