package io.funnellake.marts;

import io.funnellake.marts.attribution.AttributionMarts;
import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import java.util.ArrayList;
import java.util.List;

/** Every mart the nightly run builds, in build order (intermediates before their readers). */
public final class Marts {
  private Marts() {}

  public static List<Mart> all() {
    List<Mart> marts = new ArrayList<>();
    marts.add(new DailyLeadsBySourceStage());
    // attribution, source revenue, campaign ROI (issue 4)
    marts.addAll(AttributionMarts.all());
    return List.copyOf(marts);
  }
}
