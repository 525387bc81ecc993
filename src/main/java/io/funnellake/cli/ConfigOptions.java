package io.funnellake.cli;

import io.funnellake.config.ConfigLoader;
import io.funnellake.config.FunnelConfig;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every lakehouse subcommand shares. They override the profile file, which overrides the
 * built-in defaults.
 */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Profile file (default: conf/local.conf under FUNNEL_HOME, if present).")
  String config;

  @Option(
      names = "--lakehouse",
      paramLabel = "PATH",
      description = "Lakehouse root, local folder or URI (funnel.lakehouse).")
  String lakehouse;

  @Option(
      names = "--landing",
      paramLabel = "PATH",
      description = "Landing root with the exports (funnel.landing).")
  String landing;

  @Option(
      names = "--run-date",
      paramLabel = "yyyy-MM-dd",
      description = "Business date of the run (funnel.run_date; default today).")
  String runDate;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override any config key, e.g. --set ingest.changed_files=reingest.")
  Map<String, String> overrides = new LinkedHashMap<>();

  public FunnelConfig load() {
    return load(Map.of());
  }

  /** Loads with {@code extra} keys on top of the command line's (used by jobs that run twice). */
  public FunnelConfig load(Map<String, String> extra) {
    Map<String, String> o = new LinkedHashMap<>(overrides);
    if (lakehouse != null) {
      o.put(
          "lakehouse",
          new File(lakehouse).isAbsolute() || lakehouse.contains("://")
              ? lakehouse
              : new File(lakehouse).getAbsolutePath());
    }
    if (landing != null) {
      o.put(
          "landing",
          new File(landing).isAbsolute() || landing.contains("://")
              ? landing
              : new File(landing).getAbsolutePath());
    }
    if (runDate != null) {
      o.put("run_date", runDate);
    }
    o.putAll(extra);
    return ConfigLoader.load(profile(), o);
  }

  private String profile() {
    if (config != null) {
      return config;
    }
    String home =
        System.getenv().getOrDefault("FUNNEL_HOME", System.getProperty("funnel.home", "."));
    File dflt = new File(home, "conf/local.conf");
    return dflt.isFile() ? dflt.getPath() : null;
  }
}
