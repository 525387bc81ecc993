package io.funnellake.report;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;

/** The {@code report} config section (defaults and meaning in reference.conf). */
public record ReportSettings(boolean enabled, String folder) {
  public static ReportSettings of(FunnelConfig config) {
    Settings s = config.section("report");
    return new ReportSettings(s.bool("enabled", true), s.string("folder", "reports"));
  }
}
