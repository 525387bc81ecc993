package io.funnellake.marts.content;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import io.funnellake.marts.common.Periods;
import java.util.ArrayList;
import java.util.List;

/** {@code funnel.content} (defaults in reference.conf): period grains ({@code [month]}). */
public record ContentSettings(List<Periods.Grain> grains) {

  public static ContentSettings of(FunnelConfig config) {
    Settings s = config.section("content");
    List<Periods.Grain> grains = new ArrayList<>();
    for (String g : s.strings("period_grains")) {
      grains.add(Periods.Grain.parse(s.path("period_grains"), g));
    }
    if (grains.isEmpty()) {
      throw Errors.badConfig(
          s.path("period_grains"), s.origin("period_grains"), "List at least one grain.", null);
    }
    return new ContentSettings(List.copyOf(grains));
  }
}
