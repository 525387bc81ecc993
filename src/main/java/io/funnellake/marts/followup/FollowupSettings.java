package io.funnellake.marts.followup;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.config.StageSettings;
import io.funnellake.contract.ValueSets;
import io.funnellake.errors.Errors;
import io.funnellake.marts.funnel.FunnelSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code funnel.followup}: parameters of the follow-up marts (defaults in reference.conf): touch
 * types (every activity type but other), rep credited (rep of the first touch), SLA targets (5 min,
 * 5 h, 24 h), "properly worked" (reaches sql or is disqualified with a reason, or 6 touches within
 * 14 days), handoff acceptance (reaches sal) and rejection (disqualified), capacity (160 h a month,
 * logged minutes per lead with a 30 minute fallback, overloaded above 100%, pool sdr and bdr).
 */
public record FollowupSettings(
    List<String> touchTypes,
    boolean repFromFirstTouch,
    List<SlaTarget> slaTargets,
    String dispositionStage,
    List<String> disqualifiedStatuses,
    int minTouches,
    int withinDays,
    String acceptedStage,
    List<String> rejectedStatuses,
    double defaultMonthlyHours,
    boolean minutesFromLogs,
    double fallbackMinutesPerLead,
    double overloadThreshold,
    List<String> repRoles) {

  /** A named speed-to-lead target in minutes. */
  public record SlaTarget(String name, int minutes) {}

  public static FollowupSettings of(FunnelConfig config) {
    return parse(config.section("followup"), config.stages());
  }

  static FollowupSettings parse(Settings s, StageSettings stages) {
    List<String> types = s.strings("touch_activity_types");
    for (String t : types) {
      FunnelSettings.requireIn(s, "touch_activity_types", t, ValueSets.ACTIVITY_TYPES);
    }
    String repFrom = s.string("rep_from");
    s.requireOneOf("rep_from", repFrom, List.of("first_touch", "owner"));
    List<SlaTarget> targets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Settings t : s.sections("sla_targets")) {
      SlaTarget target = new SlaTarget(t.string("name"), t.integer("minutes"));
      if (!names.add(target.name()) || target.minutes() <= 0) {
        throw Errors.badConfig(
            t.path("name"),
            t.origin("name"),
            "Each target needs a unique name and minutes above 0; got " + target + ".",
            null);
      }
      targets.add(target);
    }
    Settings pw = s.section("properly_worked");
    Settings handoff = s.section("handoff");
    Settings cap = s.section("capacity");
    String source = cap.string("minutes_per_lead_source");
    cap.requireOneOf("minutes_per_lead_source", source, List.of("logged", "fixed"));
    return new FollowupSettings(
        List.copyOf(types),
        repFrom.equals("first_touch"),
        List.copyOf(targets),
        FunnelSettings.requireIn(
            pw, "disposition_stage", pw.string("disposition_stage"), stages.leadOrder()),
        exits(pw, "disqualified_statuses", stages),
        atLeast(pw, "min_touches", pw.integer("min_touches"), 1),
        atLeast(pw, "within_days", pw.integer("within_days"), 1),
        FunnelSettings.requireIn(
            handoff, "accepted_stage", handoff.string("accepted_stage"), stages.leadOrder()),
        exits(handoff, "rejected_statuses", stages),
        positive(cap, "default_monthly_hours", cap.number("default_monthly_hours")),
        source.equals("logged"),
        positive(cap, "fallback_minutes_per_lead", cap.number("fallback_minutes_per_lead")),
        positive(cap, "overload_threshold", cap.number("overload_threshold")),
        List.copyOf(cap.strings("rep_roles")));
  }

  private static List<String> exits(Settings s, String key, StageSettings stages) {
    List<String> values = s.strings(key);
    for (String v : values) {
      FunnelSettings.requireIn(s, key, v, stages.leadExits());
    }
    return List.copyOf(values);
  }

  private static int atLeast(Settings s, String key, int value, int min) {
    if (value < min) {
      throw Errors.badConfig(
          s.path(key), s.origin(key), "Expected at least " + min + ", got " + value + ".", null);
    }
    return value;
  }

  private static double positive(Settings s, String key, double value) {
    if (!(value > 0)) {
      throw Errors.badConfig(
          s.path(key), s.origin(key), "Expected a number above 0, got " + value + ".", null);
    }
    return value;
  }
}
