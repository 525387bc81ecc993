package io.funnellake.testing;

import io.funnellake.config.ConfigLoader;
import io.funnellake.config.FunnelConfig;
import io.funnellake.marts.Mart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configs for tests: built-in defaults plus a lakehouse, landing folder and run date. */
public final class TestConfigs {
  /** A fixed key so pseudonyms in expected outputs are stable. */
  public static final String KEY = "test-key-0123456789-0123456789-0123456789";

  private TestConfigs() {}

  public static Path projectDir() {
    return Path.of(System.getProperty("funnel.project.dir", ".")).toAbsolutePath();
  }

  /**
   * @param extra further overrides, HOCON values, e.g. {@code "ingest.changed_files", "skip"}
   */
  /**
   * {@code marts.only} value for tests of the foundation (ingest, publish, faults): the one mart
   * that needs no intermediates. A nightly with every mart costs minutes even on tiny data.
   */
  public static final String FOUNDATION_MARTS = "[daily_leads_by_source_stage]";

  /**
   * {@code marts.only} value for the given marts (a test's family and the intermediates it reads).
   */
  @SafeVarargs
  public static String martsOnly(List<? extends Mart>... families) {
    List<String> names = new ArrayList<>();
    for (var family : families) {
      family.forEach(m -> names.add(m.name()));
    }
    return "[" + String.join(", ", names) + "]";
  }

  public static FunnelConfig config(Path lakehouse, Path landing, String runDate, String... extra) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("home", projectDir().toString());
    o.put("lakehouse", lakehouse.toAbsolutePath().toString());
    o.put("landing", landing.toAbsolutePath().toString());
    o.put("run_date", runDate);
    o.put("pseudonym.key", KEY);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      o.put(extra[i], extra[i + 1]);
    }
    return ConfigLoader.load(null, o);
  }
}
