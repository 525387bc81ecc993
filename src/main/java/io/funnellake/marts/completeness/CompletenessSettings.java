package io.funnellake.marts.completeness;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import io.funnellake.marts.common.Periods;
import io.funnellake.quality.FieldRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code funnel.completeness} (defaults in reference.conf): period grains ({@code [month]}), the
 * field rules ({@link FieldRule}) and the rejection reasons that mean "missing data".
 */
public record CompletenessSettings(
    List<Periods.Grain> grains, List<FieldRule> rules, List<String> missingDataReasons) {

  public static CompletenessSettings of(FunnelConfig config) {
    Settings s = config.section("completeness");
    List<Periods.Grain> grains = new ArrayList<>();
    for (String g : s.strings("period_grains")) {
      Periods.Grain grain = Periods.Grain.parse(s.path("period_grains"), g);
      if (grain == Periods.Grain.DAY) {
        throw Errors.badConfigValue(
            s.path("period_grains"),
            s.origin("period_grains"),
            g,
            List.of("week", "month", "quarter"));
      }
      grains.add(grain);
    }
    if (grains.isEmpty()) {
      throw Errors.badConfig(
          s.path("period_grains"), s.origin("period_grains"), "List at least one grain.", null);
    }
    List<String> reasons =
        s.strings("missing_data_reasons").stream()
            .map(r -> r.trim().toLowerCase(Locale.ROOT))
            .toList();
    return new CompletenessSettings(List.copyOf(grains), FieldRule.parse(config), reasons);
  }
}
