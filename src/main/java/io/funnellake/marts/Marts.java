package io.funnellake.marts;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import io.funnellake.marts.attribution.AttributionMarts;
import io.funnellake.marts.completeness.CompletenessMarts;
import io.funnellake.marts.content.ContentMarts;
import io.funnellake.marts.funnel.FunnelMarts;
import io.funnellake.marts.goals.GoalMarts;
import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import io.funnellake.marts.scoring.LeadScores;
import io.funnellake.marts.scoring.ScoringSplitArms;
import java.util.ArrayList;
import java.util.List;

/** Every mart the nightly run builds, in build order (a mart's inputs come before it). */
public final class Marts {
  private Marts() {}

  public static List<Mart> all() {
    List<Mart> all = new ArrayList<>(List.of(new DailyLeadsBySourceStage()));
    // ---- funnel, velocity, follow-up, SLA and capacity (issue 3) ----
    all.addAll(FunnelMarts.all());
    // ---- attribution, source revenue, campaign ROI (issue 4) ----
    all.addAll(AttributionMarts.all());
    // ---- scoring (issue 5): after silver.int_lead_stage_events, which the split reads ----
    all.add(new LeadScores());
    all.add(new ScoringSplitArms());
    // ---- content, completeness, goals, scorecard (issue 9) ----
    all.addAll(ContentMarts.all());
    all.addAll(CompletenessMarts.all());
    all.addAll(GoalMarts.all());
    return List.copyOf(all);
  }

  /**
   * The marts {@code funnel.marts.only} names, in build order, or all of them when it is empty. A
   * selection must include the intermediates its marts read; a missing one fails with the table
   * name when the mart runs.
   */
  public static List<Mart> selected(FunnelConfig config) {
    Settings s = config.section("marts");
    List<String> only = s.strings("only", List.of());
    List<Mart> all = all();
    if (only.isEmpty()) {
      return all;
    }
    List<String> names = all.stream().map(Mart::name).toList();
    for (String name : only) {
      if (!names.contains(name)) {
        throw Errors.badConfigValue(s.path("only"), s.origin("only"), name, names);
      }
    }
    return all.stream().filter(m -> only.contains(m.name())).toList();
  }
}
