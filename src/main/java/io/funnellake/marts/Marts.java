package io.funnellake.marts;

import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import io.funnellake.marts.scoring.LeadScores;
import io.funnellake.marts.scoring.ScoringSplitArms;
import java.util.List;

/** Every mart the nightly run builds, in build order (intermediates before their readers). */
public final class Marts {
  private Marts() {}

  public static List<Mart> all() {
    return List.of(
        new DailyLeadsBySourceStage(),
        // ---- scoring (issue 5): after silver.int_lead_stage_events, which the split reads ----
        new LeadScores(),
        new ScoringSplitArms());
  }
}
