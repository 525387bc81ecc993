package io.funnellake.marts.goals;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import java.util.List;

/**
 * {@code funnel.goals} (defaults in reference.conf): the targets file (empty = none), the stage
 * counted as SQL ({@code sql}), the follow-up SLA in minutes (300), and the scorecard's extra
 * splits ({@code split_by}, subset of team and channel; default none) and number of
 * disqualification reasons listed ({@code top_reasons}, 3).
 */
public record GoalsSettings(
    String targetsFile,
    String targetsKey,
    String sqlStage,
    int slaMinutes,
    List<String> scorecardSplits,
    int topReasons) {

  /** Scopes a target or scorecard row may be split by, besides {@code all}. */
  public static final List<String> SPLITS = List.of("team", "channel");

  public static GoalsSettings of(FunnelConfig config) {
    Settings s = config.section("goals");
    String file = s.string("targets_file").trim();
    String sql = s.string("sql_stage");
    if (!config.stages().leadOrder().contains(sql)) {
      throw Errors.badConfigValue(
          s.path("sql_stage"), s.origin("sql_stage"), sql, config.stages().leadOrder());
    }
    int sla = s.integer("sla_minutes");
    if (sla <= 0) {
      throw Errors.badConfig(
          s.path("sla_minutes"), s.origin("sla_minutes"), "Expected minutes above 0.", null);
    }
    Settings sc = s.section("scorecard");
    List<String> splits = sc.strings("split_by");
    for (String split : splits) {
      sc.requireOneOf("split_by", split, SPLITS);
    }
    int top = sc.integer("top_reasons");
    if (top < 1) {
      throw Errors.badConfig(
          sc.path("top_reasons"), sc.origin("top_reasons"), "Expected at least 1.", null);
    }
    return new GoalsSettings(
        file.isEmpty() ? "" : config.resolvePath(file),
        s.path("targets_file"),
        sql,
        sla,
        List.copyOf(splits),
        top);
  }
}
