package io.funnellake.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.funnellake.errors.Errors;
import java.io.File;
import java.util.Map;

/**
 * Loads a {@link FunnelConfig} with the precedence CLI overrides > {@code -Dfunnel.*} system
 * properties > profile file > built-in defaults (src/main/resources/reference.conf).
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param profile config file, or null for defaults only
   * @param overrides keys (with or without the {@code funnel.} prefix) and HOCON values
   */
  public static FunnelConfig load(String profile, Map<String, String> overrides) {
    return FunnelConfig.parse(
        new Settings(merged(profile, overrides).getConfig("funnel"), "funnel"));
  }

  static Config merged(String profile, Map<String, String> overrides) {
    Config cli = ConfigFactory.empty();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey().startsWith("funnel.") ? e.getKey() : "funnel." + e.getKey();
      try {
        cli = ConfigFactory.parseString(key + " = " + hocon(e.getValue())).withFallback(cli);
      } catch (ConfigException ex) {
        throw Errors.badConfig(key, "command line", ex.getMessage(), ex);
      }
    }
    Config file = ConfigFactory.empty();
    if (profile != null) {
      File f = new File(profile);
      if (!f.isFile()) {
        throw Errors.configFileMissing(profile);
      }
      try {
        file = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException ex) {
        throw Errors.badConfig("(file)", profile, ex.getMessage(), ex);
      }
    }
    Config sys = ConfigFactory.systemProperties();
    sys = sys.hasPath("funnel") ? sys.withOnlyPath("funnel") : ConfigFactory.empty();
    try {
      return cli.withFallback(sys)
          .withFallback(file)
          .withFallback(ConfigFactory.defaultReferenceUnresolved())
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException ex) {
      String origin = ex.origin() == null ? profile : ex.origin().description();
      throw Errors.badConfig("(substitution)", origin, ex.getMessage(), ex);
    }
  }

  /** Plain words are quoted so that values such as {@code 2025-11-04} stay strings. */
  private static String hocon(String value) {
    String v = value.trim();
    if (v.startsWith("[") || v.startsWith("{") || v.startsWith("\"")) {
      return v;
    }
    return ConfigFactory.parseMap(Map.of("v", v)).root().get("v").render();
  }
}
