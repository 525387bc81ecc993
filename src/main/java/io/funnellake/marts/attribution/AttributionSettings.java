package io.funnellake.marts.attribution;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import io.funnellake.marts.common.Periods;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code funnel.attribution}: touch sources, matching, windows and model parameters. Every key and
 * its default is documented in reference.conf; docs/data-dictionary.md explains the choices.
 *
 * @param includeSalesActivities sales activities are touches too (default false)
 * @param matching which people's touches belong to an opportunity (default converted lead)
 * @param maxAccountPairs most opportunity x live lead pairs account matching may form (default
 *     20,000,000)
 * @param lookbackDays touches at most this many days before the conversion count (default 365)
 * @param influenceWindowDays touches at most this many days before opportunity creation count
 *     (default 180)
 * @param excludedCampaignTypes campaign types whose responses are not touches (default none)
 * @param collapseWindowHours repeated touches within this many hours count once (default 24)
 * @param directChannel channel skipped by last non-direct (default {@code direct})
 * @param leadCreationResponseTypes response types that mark the lead-creation touch
 * @param salesProspectingCampaignId campaign credited for sales touches and untouched sales-sourced
 *     deals (default {@code sales_prospecting})
 * @param salesProspectingChannel channel of those touches (default {@code sales_prospecting})
 * @param period reporting period of the rolled-up tables (default month)
 * @param weights position weights of u_shaped, w_shaped, full_path and custom
 * @param halfLifeDays time-decay half-life in days (default 7)
 * @param maxDistinctPaths most distinct channel paths brought to the driver (default 200000)
 * @param maxPathTouches most touches in one path brought to the driver (default 200)
 * @param shapleyMaxChannels most channels for exact Shapley (default 20, at most 24)
 * @param models models to publish (default all)
 * @param mqlStage lead stage counted as MQL in campaign ROI (default {@code mql})
 * @param sqlStage lead stage counted as SQL in campaign ROI (default {@code sql})
 */
public record AttributionSettings(
    boolean includeSalesActivities,
    Matching matching,
    int maxAccountPairs,
    int lookbackDays,
    int influenceWindowDays,
    List<String> excludedCampaignTypes,
    int collapseWindowHours,
    String directChannel,
    List<String> leadCreationResponseTypes,
    String salesProspectingCampaignId,
    String salesProspectingChannel,
    Periods.Grain period,
    Map<Model, PositionWeights> weights,
    double halfLifeDays,
    int maxDistinctPaths,
    int maxPathTouches,
    int shapleyMaxChannels,
    List<Model> models,
    String mqlStage,
    String sqlStage) {

  private static final String MAX_ACCOUNT_PAIRS = "max_account_pairs";

  /** The config key of {@link #maxAccountPairs}, named by its error. */
  public static final String MAX_ACCOUNT_PAIRS_KEY = "funnel.attribution." + MAX_ACCOUNT_PAIRS;

  /** Hard ceiling of {@code shapley_max_channels}: 2^24 subset values take 128 MB. */
  public static final int SHAPLEY_CHANNEL_CEILING = 24;

  /** How people (leads, contacts) are matched to opportunities. */
  public enum Matching {
    CONVERTED_LEAD,
    CONTACT_ROLES,
    ACCOUNT
  }

  /**
   * Weights of the positions a touch can hold. {@code middle} is shared by the touches between the
   * first and the last weighted position that hold none.
   */
  public record PositionWeights(
      double first,
      double last,
      double leadCreation,
      double opportunityCreation,
      double closedWon,
      double middle) {

    double sum() {
      return first + last + leadCreation + opportunityCreation + closedWon + middle;
    }
  }

  public static AttributionSettings of(FunnelConfig config) {
    AttributionSettings a = parse(config.section("attribution"));
    List<String> order = config.stages().leadOrder();
    Settings s = config.section("attribution");
    for (String key : List.of("mql_stage", "sql_stage")) {
      if (!order.contains(s.string(key))) {
        throw Errors.badConfigValue(s.path(key), s.origin(key), s.string(key), order);
      }
    }
    return a;
  }

  static AttributionSettings parse(Settings s) {
    Map<Model, PositionWeights> weights = new EnumMap<>(Model.class);
    for (Model m : Model.values()) {
      if (m.isWeighted()) {
        weights.put(m, weights(s.section("weights"), m.value()));
      }
    }
    List<Model> models = new ArrayList<>();
    for (String v : s.strings("models")) {
      Model m = Model.parse(s.path("models"), s.origin("models"), v);
      if (!models.contains(m)) {
        models.add(m);
      }
    }
    if (models.isEmpty()) {
      throw Errors.badConfig(
          s.path("models"), s.origin("models"), "At least one model must be listed.", null);
    }
    double halfLife = s.number("time_decay_half_life_days");
    if (!(halfLife > 0)) {
      throw Errors.badConfig(
          s.path("time_decay_half_life_days"),
          s.origin("time_decay_half_life_days"),
          "The half-life must be a positive number of days, got " + halfLife + ".",
          null);
    }
    return new AttributionSettings(
        s.bool("include_sales_activities"),
        s.enumValue("matching", Matching.class),
        between(s, MAX_ACCOUNT_PAIRS, 1, Integer.MAX_VALUE),
        nonNegative(s, "lookback_days"),
        nonNegative(s, "influence_window_days"),
        s.strings("excluded_campaign_types").stream().map(AttributionSettings::category).toList(),
        nonNegative(s, "collapse_window_hours"),
        category(s.string("direct_channel")),
        s.strings("lead_creation_response_types"),
        s.section("sales_prospecting").string("campaign_id"),
        category(s.section("sales_prospecting").string("channel")),
        Periods.Grain.parse(s.path("period"), s.string("period")),
        weights,
        halfLife,
        between(s, "max_distinct_paths", 1, Integer.MAX_VALUE),
        between(s, "max_path_touches", 1, Integer.MAX_VALUE),
        between(s, "shapley_max_channels", 1, SHAPLEY_CHANNEL_CEILING),
        List.copyOf(models),
        s.string("mql_stage"),
        s.string("sql_stage"));
  }

  public boolean publishes(Model m) {
    return models.contains(m);
  }

  private static PositionWeights weights(Settings all, String model) {
    Settings s = all.section(model);
    List<String> keys =
        List.of("first", "last", "lead_creation", "opportunity_creation", "closed_won", "middle");
    for (String k : all.keys(model)) {
      if (!keys.contains(k)) {
        throw Errors.badConfigValue(s.path(k), s.origin(k), k, keys);
      }
    }
    double[] w = new double[keys.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = s.number(keys.get(i), 0.0);
      if (!(w[i] >= 0)) {
        throw Errors.badConfig(
            s.path(keys.get(i)), s.origin(keys.get(i)), "A weight must be >= 0.", null);
      }
    }
    PositionWeights p = new PositionWeights(w[0], w[1], w[2], w[3], w[4], w[5]);
    if (Math.abs(p.sum() - 1.0) > 1e-9) {
      throw Errors.badConfig(
          all.path(model),
          all.origin(model),
          "The weights of " + model + " sum to " + p.sum() + "; they must sum to 1.",
          null);
    }
    return p;
  }

  private static int nonNegative(Settings s, String key) {
    return between(s, key, 0, Integer.MAX_VALUE);
  }

  private static int between(Settings s, String key, int min, int max) {
    int v = s.integer(key);
    if (v < min || v > max) {
      throw Errors.badConfig(
          s.path(key),
          s.origin(key),
          "Expected a whole number from " + min + " to " + max + ", got " + v + ".",
          null);
    }
    return v;
  }

  /** The same normalisation silver applies to channels and campaign types. */
  static String category(String v) {
    return v.trim().replaceAll("[\\s\\-/]+", "_").toLowerCase(Locale.ROOT);
  }
}
