package io.funnellake.marts.funnel;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.config.StageSettings;
import io.funnellake.errors.Errors;
import io.funnellake.marts.common.Periods;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code funnel.funnel}: parameters of the funnel marts (defaults in reference.conf): period grains
 * (week, month, quarter), conversion window (90 days), trailing months (12), handoff stage (mql),
 * won stage (won), and lead aging (open stages lead..sql, buckets 0-7/8-30/31-90/>90 days from
 * stage entry, stale after 14 days without a touch) and the seed of {@code dimension_key} (0).
 * Stage names are checked against {@code funnel.stages.lead}.
 */
public record FunnelSettings(
    List<Periods.Grain> periodGrains,
    int conversionWindowDays,
    int trailingMonths,
    String handoffStage,
    String wonStage,
    List<String> openStages,
    List<Integer> agingBuckets,
    boolean ageFromStageEntry,
    int staleDays,
    long dimensionKeySeed,
    StageSettings stages) {

  public static FunnelSettings of(FunnelConfig config) {
    return parse(config.section("funnel"), config.stages());
  }

  static FunnelSettings parse(Settings s, StageSettings stages) {
    List<Periods.Grain> grains = new ArrayList<>();
    for (String g : s.strings("period_grains")) {
      grains.add(Periods.Grain.parse(s.path("period_grains"), g));
    }
    if (grains.isEmpty()) {
      throw Errors.badConfig(
          s.path("period_grains"), s.origin("period_grains"), "List at least one grain.", null);
    }
    Settings aging = s.section("aging");
    List<Integer> buckets = new ArrayList<>();
    for (String b : aging.strings("buckets")) {
      buckets.add(positive(aging, "buckets", b));
    }
    if (buckets.isEmpty()) {
      throw Errors.badConfig(
          aging.path("buckets"), aging.origin("buckets"), "List at least one bound.", null);
    }
    for (int i = 1; i < buckets.size(); i++) {
      if (buckets.get(i) <= buckets.get(i - 1)) {
        throw Errors.badConfig(
            aging.path("buckets"),
            aging.origin("buckets"),
            "Bucket bounds must ascend; " + buckets.get(i) + " follows " + buckets.get(i - 1) + ".",
            null);
      }
    }
    String ageFrom = aging.string("age_from");
    aging.requireOneOf("age_from", ageFrom, List.of("stage_entry", "funnel_entry"));
    List<String> open = aging.strings("open_stages");
    for (String o : open) {
      requireIn(aging, "open_stages", o, stages.leadOrder());
    }
    return new FunnelSettings(
        List.copyOf(grains),
        positive(s, "conversion_window_days", s.string("conversion_window_days")),
        positive(s, "trailing_months", s.string("trailing_months")),
        requireIn(s, "handoff_stage", s.string("handoff_stage"), stages.leadOrder()),
        requireIn(s, "won_stage", s.string("won_stage"), stages.leadOrder()),
        List.copyOf(open),
        List.copyOf(buckets),
        ageFrom.equals("stage_entry"),
        positive(aging, "stale_days", aging.string("stale_days")),
        wholeNumber(s, "dimension_key_seed"),
        stages);
  }

  /** The value, when it is one of {@code allowed}; a config error naming the key otherwise. */
  public static String requireIn(Settings s, String key, String value, Collection<String> allowed) {
    s.requireOneOf(key, value, allowed);
    return value;
  }

  static int positive(Settings s, String key, String value) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the key
    }
    throw Errors.badConfig(
        s.path(key), s.origin(key), "Expected a whole number above 0, got '" + value + "'.", null);
  }

  private static long wholeNumber(Settings s, String key) {
    String value = s.string(key);
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw Errors.badConfig(
          s.path(key), s.origin(key), "Expected a whole number, got '" + value + "'.", null);
    }
  }

  public int stageIndex(String stage) {
    return stages.leadOrder().indexOf(stage);
  }

  /** Bucket labels in order: "0-7", "8-30", "31-90", ">90". */
  public List<String> bucketLabels() {
    List<String> out = new ArrayList<>();
    int low = 0;
    for (int b : agingBuckets) {
      out.add(low + "-" + b);
      low = b + 1;
    }
    out.add(">" + agingBuckets.get(agingBuckets.size() - 1));
    return out;
  }
}
