package io.funnellake.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.funnellake.errors.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Typed reads of a config section that turn every Typesafe error into one that names the key and
 * the file:line it came from. Each typed config record parses itself through this class.
 */
public final class Settings {
  private final Config config;
  private final String prefix;

  public Settings(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  public Config raw() {
    return config;
  }

  public String path(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  public String origin(String key) {
    try {
      return config.hasPath(key) ? config.getValue(key).origin().description() : null;
    } catch (ConfigException e) {
      return null;
    }
  }

  public boolean has(String key) {
    return config.hasPath(key);
  }

  public Settings section(String key) {
    return read(key, () -> new Settings(config.getConfig(key), path(key)));
  }

  public String string(String key) {
    return read(key, () -> config.getString(key));
  }

  public String string(String key, String dflt) {
    return config.hasPath(key) ? string(key) : dflt;
  }

  public boolean bool(String key) {
    return read(key, () -> config.getBoolean(key));
  }

  public boolean bool(String key, boolean dflt) {
    return config.hasPath(key) ? bool(key) : dflt;
  }

  public int integer(String key) {
    return read(key, () -> config.getInt(key));
  }

  public int integer(String key, int dflt) {
    return config.hasPath(key) ? integer(key) : dflt;
  }

  public double number(String key) {
    return read(key, () -> config.getDouble(key));
  }

  public double number(String key, double dflt) {
    return config.hasPath(key) ? number(key) : dflt;
  }

  public List<String> strings(String key) {
    return read(key, () -> config.getStringList(key));
  }

  public List<String> strings(String key, List<String> dflt) {
    return config.hasPath(key) ? strings(key) : dflt;
  }

  public List<Settings> sections(String key) {
    return read(
        key,
        () -> {
          List<Settings> out = new ArrayList<>();
          List<? extends Config> list = config.getConfigList(key);
          for (int i = 0; i < list.size(); i++) {
            out.add(new Settings(list.get(i), path(key) + "[" + i + "]"));
          }
          return out;
        });
  }

  /** A flat map of string values, keeping quoted keys such as "Open - Not Contacted" intact. */
  public Map<String, String> stringMap(String key) {
    if (!config.hasPath(key)) {
      return Map.of();
    }
    return read(
        key,
        () -> {
          Map<String, String> out = new LinkedHashMap<>();
          for (Map.Entry<String, ConfigValue> e : config.getObject(key).entrySet()) {
            Object v = e.getValue().unwrapped();
            if (v instanceof Map || v instanceof List) {
              throw Errors.badConfig(
                  path(key) + "." + e.getKey(),
                  e.getValue().origin().description(),
                  "Expected a single value, found " + e.getValue().valueType() + ".",
                  null);
            }
            out.put(e.getKey(), v == null ? null : String.valueOf(v));
          }
          return out;
        });
  }

  /** Keys directly under a section, in file order. */
  public List<String> keys(String key) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    return read(key, () -> new ArrayList<>(config.getObject(key).keySet()));
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String v = string(key);
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase());
    }
    throw Errors.badConfigValue(path(key), origin(key), v, allowed);
  }

  public void requireOneOf(String key, String value, Collection<String> allowed) {
    if (!allowed.contains(value)) {
      throw Errors.badConfigValue(path(key), origin(key), value, allowed);
    }
  }

  private <T> T read(String key, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException.Missing e) {
      throw Errors.badConfig(path(key), null, "The key is missing.", e);
    } catch (ConfigException e) {
      String origin = e.origin() == null ? null : e.origin().description();
      throw Errors.badConfig(path(key), origin, e.getMessage(), e);
    }
  }
}
