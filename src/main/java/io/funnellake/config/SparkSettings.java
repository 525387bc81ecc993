package io.funnellake.config;

import java.util.Map;

/** {@code funnel.spark}: master used outside spark-submit, app name and extra Spark settings. */
public record SparkSettings(String master, String appName, Map<String, String> conf) {
  static SparkSettings parse(Settings s) {
    return new SparkSettings(s.string("master"), s.string("app_name"), s.stringMap("conf"));
  }
}
