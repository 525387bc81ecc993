package io.funnellake.bench;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.FunnelConfig;
import io.funnellake.marts.attribution.AttributionSettings;
import io.funnellake.marts.attribution.AttributionTouchCredit;
import io.funnellake.marts.funnel.CohortConversion;
import io.funnellake.marts.funnel.FunnelSettings;
import io.funnellake.marts.funnel.LeadDimensions;
import io.funnellake.marts.funnel.StageVelocity;
import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gold tables the DuckDB peer recomputes, each as plain SQL over the same inputs our mart reads
 * (views named {@code <layer>_<table>}). The SQL restates the definition in docs/data-dictionary.md
 * independently of our code, so equal results check both engines.
 */
final class PeerTables {
  private PeerTables() {}

  /**
   * A mart, the tables it reads, the DuckDB query that must give the same rows, config overrides
   * for our side (e.g. one attribution model instead of all), and the rows of our output compared.
   */
  record PeerTable(
      String martName,
      List<String> inputs,
      String duckSql,
      Map<String, String> oursConfig,
      UnaryOperator<Dataset<Row>> oursRows) {}

  static List<PeerTable> all(FunnelConfig config) {
    String zone = config.reportingZone().getId();
    FunnelSettings fs = FunnelSettings.of(config);
    return List.of(
        cohortConversion(fs, zone, config),
        stageVelocity(fs, zone),
        timeDecayCredit(AttributionSettings.of(config)),
        dailyLeads(zone));
  }

  private static String dims(String alias) {
    return LeadDimensions.NAMES.stream()
        .map(d -> alias + "." + d)
        .collect(Collectors.joining(", "));
  }

  /** One row per lead and configured grain with the period start in the reporting zone. */
  private static String grains(FunnelSettings fs, String zone, String table, String ts, String as) {
    String values =
        fs.periodGrains().stream()
            .map(g -> "('" + g.value() + "')")
            .collect(Collectors.joining(", "));
    return "SELECT l.*, g.grain AS period_grain, CAST(date_trunc(g.grain, timezone('"
        + zone
        + "', l."
        + ts
        + ")) AS DATE) AS "
        + as
        + " FROM "
        + table
        + " l CROSS JOIN (VALUES "
        + values
        + ") g(grain)";
  }

  private static String stageNames(FunnelSettings fs) {
    return fs.stages().leadOrder().stream()
        .map(s -> "'" + s + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static PeerTable cohortConversion(FunnelSettings fs, String zone, FunnelConfig config) {
    int last = fs.stages().leadOrder().size() - 1;
    String d = dims("c");
    String sql =
        """
        WITH cohorts AS (%s),
        sizes AS (
          SELECT period_grain, cohort_start, %s, count(*) AS total_cohort_leads
          FROM cohorts c GROUP BY ALL),
        reached AS (
          SELECT lead_id, stage_index FROM silver_int_lead_stage_events WHERE occurrence = 1),
        with_next AS (
          SELECT r.lead_id, r.stage_index, n.lead_id IS NOT NULL AS reached_next
          FROM reached r LEFT JOIN reached n
            ON n.lead_id = r.lead_id AND n.stage_index = r.stage_index + 1),
        per_stage AS (
          SELECT c.period_grain, c.cohort_start, %s, w.stage_index,
                 count(*) AS total_entered,
                 count_if(w.reached_next) AS total_reached_next,
                 count_if(w.stage_index < %d AND NOT w.reached_next AND c.is_in_funnel
                          AND c.is_within_window) AS total_censored
          FROM cohorts c JOIN with_next w ON w.lead_id = c.lead_id GROUP BY ALL)
        SELECT p.period_grain, p.cohort_start, %s, %s[p.stage_index + 1] AS stage, p.stage_index,
               s.total_cohort_leads, p.total_entered, p.total_reached_next, p.total_censored,
               CASE WHEN p.stage_index < %d AND p.total_entered - p.total_censored > 0
                    THEN round(p.total_reached_next / (p.total_entered - p.total_censored), 4)
               END AS next_step_rate,
               round(p.total_entered / s.total_cohort_leads, 4) AS cumulative_rate,
               DATE '%s' AS as_of_date
        FROM per_stage p JOIN sizes s USING (period_grain, cohort_start, %s)
        """
            .formatted(
                grains(fs, zone, "silver_int_lead_funnel", "entered_funnel_at", "cohort_start"),
                String.join(", ", LeadDimensions.NAMES),
                d,
                last,
                dims("p"),
                stageNames(fs),
                last,
                config.runDate(),
                String.join(", ", LeadDimensions.NAMES));
    return new PeerTable(
        CohortConversion.NAME,
        List.of("silver.int_lead_funnel", "silver.int_lead_stage_events"),
        sql,
        Map.of(),
        UnaryOperator.identity());
  }

  private static PeerTable stageVelocity(FunnelSettings fs, String zone) {
    String sql =
        """
        WITH first AS (
          SELECT lead_id, stage, stage_index, entered_at, is_backfilled,
                 CAST(floor(epoch_us(entered_at) / 1000000) AS BIGINT) AS at_s
          FROM silver_int_lead_stage_events WHERE occurrence = 1),
        pairs AS (
          SELECT f.lead_id, f.stage AS from_stage, t.stage AS to_stage,
                 f.stage_index AS from_index, t.entered_at AS to_at,
                 f.is_backfilled OR t.is_backfilled AS is_backfilled,
                 (t.at_s - f.at_s) / 86400.0 AS days
          FROM first f JOIN first t
            ON t.lead_id = f.lead_id AND t.stage_index = f.stage_index + 1
          WHERE t.at_s >= f.at_s),
        with_dims AS (
          SELECT p.*, %s FROM pairs p JOIN silver_int_lead_funnel d ON d.lead_id = p.lead_id),
        periods AS (%s)
        SELECT period_grain, period_start, %s, from_stage, to_stage,
               from_index AS from_stage_index,
               count(*) AS total_leads,
               count_if(is_backfilled) AS total_backfilled,
               round(avg(days), 2) AS mean_days,
               round(quantile_cont(days, 0.5), 2) AS median_days,
               round(quantile_cont(days, 0.9), 2) AS p90_days
        FROM periods GROUP BY ALL
        """
            .formatted(
                dims("d"),
                grains(fs, zone, "with_dims", "to_at", "period_start"),
                String.join(", ", LeadDimensions.NAMES));
    return new PeerTable(
        StageVelocity.NAME,
        List.of("silver.int_lead_funnel", "silver.int_lead_stage_events"),
        sql,
        Map.of(),
        UnaryOperator.identity());
  }

  /** Time decay: a touch's weight halves every half-life before the path's last touch. */
  private static PeerTable timeDecayCredit(AttributionSettings a) {
    String sql =
        """
        WITH t AS (
          SELECT opportunity_id, touch_kind, touch_id,
                 pow(0.5, (max(epoch_us(touched_at)) OVER (PARTITION BY opportunity_id)
                           - epoch_us(touched_at)) / 1e6 / (%s * 86400.0)) AS w
          FROM silver_int_attribution_touches)
        SELECT 'time_decay' AS model, t.opportunity_id, touch_kind, touch_id,
               w / sum(w) OVER (PARTITION BY t.opportunity_id) AS credit_share
        FROM t JOIN silver_int_attribution_opportunities o USING (opportunity_id)
        """
            .formatted(a.halfLifeDays());
    return new PeerTable(
        AttributionTouchCredit.NAME,
        List.of("silver.int_attribution_touches", "silver.int_attribution_opportunities"),
        sql,
        Map.of("funnel.attribution.models", "[time_decay]"),
        df ->
            df.select(
                col("model"),
                col("opportunity_id"),
                col("touch_kind"),
                col("touch_id"),
                col("credit_share")));
  }

  private static PeerTable dailyLeads(String zone) {
    return new PeerTable(
        DailyLeadsBySourceStage.NAME,
        List.of("silver.leads"),
        """
        SELECT CAST(timezone('%s', created_at) AS DATE) AS created_date,
               coalesce(channel, 'unknown') AS channel,
               coalesce(sourced_by, 'unknown') AS sourced_by,
               status AS current_status,
               count(*) AS total_leads
        FROM silver_leads
        WHERE NOT is_deleted AND merged_into_lead_id IS NULL
        GROUP BY ALL
        """
            .formatted(zone),
        Map.of(),
        UnaryOperator.identity());
  }
}
