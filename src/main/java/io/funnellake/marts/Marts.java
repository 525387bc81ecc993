package io.funnellake.marts;

import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import java.util.List;

/** Every mart the nightly run builds, in build order (intermediates before their readers). */
public final class Marts {
  private Marts() {}

  public static List<Mart> all() {
    return List.of(new DailyLeadsBySourceStage());
  }
}
