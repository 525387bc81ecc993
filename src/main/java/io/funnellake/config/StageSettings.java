package io.funnellake.config;

import io.funnellake.errors.Errors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code funnel.stages}: the ordered lead funnel with its side exits, and the opportunity stages.
 * These names are the canonical status values every source mapping maps onto.
 */
public record StageSettings(
    List<String> leadOrder,
    List<String> leadExits,
    List<String> opportunityOrder,
    String opportunityWon,
    String opportunityLost) {

  static StageSettings parse(Settings s) {
    Settings lead = s.section("lead");
    Settings opp = s.section("opportunity");
    StageSettings st =
        new StageSettings(
            lead.strings("order"),
            lead.strings("exits"),
            opp.strings("order"),
            opp.string("won"),
            opp.string("lost"));
    checkDistinct(s, "lead", st.leadStatuses());
    checkDistinct(s, "opportunity", st.opportunityStages());
    if (!st.opportunityOrder.contains(st.opportunityWon)) {
      throw Errors.badConfig(
          s.path("opportunity.won"),
          s.origin("opportunity.won"),
          "'" + st.opportunityWon + "' is not in opportunity.order " + st.opportunityOrder + ".",
          null);
    }
    return st;
  }

  private static void checkDistinct(Settings s, String key, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw Errors.badConfig(
            s.path(key), s.origin(key), "Stage '" + n + "' is listed twice.", null);
      }
    }
  }

  /** Every canonical lead status: the ordered stages, then the exits. */
  public List<String> leadStatuses() {
    List<String> all = new ArrayList<>(leadOrder);
    all.addAll(leadExits);
    return all;
  }

  /** Every canonical opportunity stage: the ordered stages, then the lost stage. */
  public List<String> opportunityStages() {
    List<String> all = new ArrayList<>(opportunityOrder);
    if (!all.contains(opportunityLost)) {
      all.add(opportunityLost);
    }
    return all;
  }
}
