package io.funnellake.marts.scoring;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import io.funnellake.marts.scoring.Variant.Band;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code funnel.scoring}: every key and default is documented in reference.conf.
 *
 * @param variantsDir absolute folder of the variant files
 * @param champion variant id of the champion
 * @param openStatuses current statuses scored nightly
 * @param nightlyVariants further variant ids scored nightly
 */
public record ScoringSettings(
    String variantsDir,
    String champion,
    List<String> openStatuses,
    List<String> nightlyVariants,
    Backtest backtest,
    Model model,
    Split split) {

  /** {@code funnel.scoring.backtest}. */
  public record Backtest(
      List<String> variants,
      String outcomeStage,
      int outcomeWindowDays,
      DecisionTime decisionTime,
      double minutesPerMql,
      double defaultCapacityHours,
      List<String> capacityRoles,
      double calibrationBinWidth,
      int mcnemarExactBelow,
      int replicates,
      long seed,
      double confidence) {}

  /**
   * {@code funnel.scoring.model}.
   *
   * @param threshold MQL threshold (0-100), or null to match the champion's MQL volume
   * @param halfLifeDays decay of behaviour features, or null for none
   */
  public record Model(
      String id,
      double regParam,
      int maxIter,
      Double halfLifeDays,
      Double threshold,
      List<Band> bands) {}

  /** {@code funnel.scoring.split}. */
  public record Split(
      boolean enabled,
      String id,
      String salt,
      LocalDate startDate,
      List<HashSplit.Arm> arms,
      String outcomeStage,
      int outcomeWindowDays,
      double confidence) {}

  public static ScoringSettings of(FunnelConfig config) {
    Settings s = config.section("scoring");
    List<String> stages = config.stages().leadOrder();
    Settings n = s.section("nightly");
    List<String> open = n.strings("open_statuses");
    for (String st : open) {
      if (!config.stages().leadStatuses().contains(st)) {
        throw Errors.badConfigValue(
            n.path("open_statuses"), n.origin("open_statuses"), st, config.stages().leadStatuses());
      }
    }
    return new ScoringSettings(
        config.resolvePath(s.string("variants_dir")),
        s.string("champion"),
        open,
        n.strings("variants"),
        backtest(s.section("backtest"), stages),
        model(s.section("model")),
        split(s.section("split"), stages));
  }

  private static Backtest backtest(Settings b, List<String> stages) {
    Settings boot = b.section("bootstrap");
    String dt = b.string("decision_time");
    DecisionTime decision;
    try {
      decision = DecisionTime.parse(dt);
    } catch (IllegalArgumentException e) {
      throw Errors.badConfig(b.path("decision_time"), b.origin("decision_time"), e.getMessage(), e);
    }
    if (decision.anchoredOnStage() && !stages.contains(decision.stage())) {
      throw Errors.badConfigValue(b.path("decision_time"), b.origin("decision_time"), dt, stages);
    }
    return new Backtest(
        b.strings("variants"),
        stage(b, "outcome_stage", stages),
        positive(b, "outcome_window_days"),
        decision,
        b.number("minutes_per_mql"),
        b.number("default_capacity_hours"),
        b.strings("capacity_roles"),
        b.number("calibration_bin_width"),
        b.integer("mcnemar_exact_below"),
        boot.integer("replicates"),
        boot.raw().getLong("seed"),
        confidence(boot, "confidence"));
  }

  private static Model model(Settings m) {
    String t = m.string("threshold");
    Double threshold = null;
    if (!t.equals("match_champion")) {
      try {
        threshold = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        threshold = -1.0;
      }
      if (threshold <= 0 || threshold >= 100) {
        throw Errors.badConfig(
            m.path("threshold"),
            m.origin("threshold"),
            "Expected match_champion or a number between 0 and 100, got " + t + ".",
            null);
      }
    }
    double half = m.number("half_life_days");
    return new Model(
        m.string("id"),
        m.number("reg_param"),
        positive(m, "max_iter"),
        half > 0 ? half : null,
        threshold,
        Variants.bands(m.path("bands") + " (" + m.origin("bands") + ")", m.raw().getList("bands")));
  }

  private static Split split(Settings s, List<String> stages) {
    List<HashSplit.Arm> arms = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int total = 0;
    for (Settings a : s.sections("arms")) {
      int share = a.integer("share");
      String name = a.string("name");
      if (share <= 0 || !names.add(name)) {
        throw Errors.badConfig(
            a.path("share"),
            a.origin("share"),
            "Each arm needs a unique name and a share > 0 (arm '" + name + "').",
            null);
      }
      total += share;
      arms.add(new HashSplit.Arm(name, a.string("variant"), share));
    }
    if (total != 100 || arms.size() < 2) {
      throw Errors.badConfig(
          s.path("arms"),
          s.origin("arms"),
          "The split needs at least two arms whose shares sum to 100, got " + total + ".",
          null);
    }
    LocalDate start;
    try {
      start = LocalDate.parse(s.string("start_date"));
    } catch (DateTimeParseException e) {
      throw Errors.badConfig(
          s.path("start_date"), s.origin("start_date"), "Expected yyyy-MM-dd.", e);
    }
    return new Split(
        s.bool("enabled"),
        s.string("id"),
        s.string("salt"),
        start,
        arms,
        stage(s, "outcome_stage", stages),
        positive(s, "outcome_window_days"),
        confidence(s, "confidence"));
  }

  private static String stage(Settings s, String key, List<String> stages) {
    String v = s.string(key).toLowerCase(Locale.ROOT);
    s.requireOneOf(key, v, stages);
    return v;
  }

  private static int positive(Settings s, String key) {
    int v = s.integer(key);
    if (v <= 0) {
      throw Errors.badConfig(s.path(key), s.origin(key), "Must be > 0, got " + v + ".", null);
    }
    return v;
  }

  private static double confidence(Settings s, String key) {
    double v = s.number(key);
    if (v <= 0 || v >= 1) {
      throw Errors.badConfig(
          s.path(key),
          s.origin(key),
          "A confidence level is between 0 and 1 (e.g. 0.95), got " + v + ".",
          null);
    }
    return v;
  }
}
