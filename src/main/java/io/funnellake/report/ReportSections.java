package io.funnellake.report;

import io.funnellake.report.ReportSection.Spec;
import java.util.List;

/**
 * The report's sections, in reading order: the weekly scorecard first (what the Monday meeting
 * reads), then the funnel, follow-up, reasons, attribution and scoring. Each query reads only
 * published gold tables and sums their additive counts; ratios are recomputed from those sums.
 */
public final class ReportSections {
  private ReportSections() {}

  public static List<ReportSection> all() {
    return List.of(
        scorecard(),
        funnel(),
        conversionBySource(),
        velocity(),
        slaByRep(),
        capacityByRep(),
        disqualificationReasons(),
        attributionByModel(),
        latestBacktest());
  }

  static ReportSection latestBacktest() {
    return new ReportSection(
        "backtest",
        "Latest scoring backtest",
        "Would another scoring rule have sent sales better leads? (the most recent experiment,"
            + " point in time; intervals and McNemar in gold.scoring_backtest_comparisons)",
        """
        SELECT variant_id, total_mql AS mqls,
               round(precision, 3) AS precision, round(recall, 3) AS recall,
               round(roc_auc, 3) AS roc_auc,
               round(sales_hours_per_month, 1) AS sales_hours_per_month,
               experiment_id
        FROM gold.scoring_backtest_metrics
        WHERE experiment_id = (
          SELECT experiment_id FROM gold.scoring_experiments ORDER BY created_at DESC LIMIT 1)
        ORDER BY variant_id LIMIT 20
        """,
        Spec.bars("variant_id", "", "precision", "recall", "roc_auc"),
        "No backtest has been run on this lakehouse yet: see `./funnel backtest --help`.");
  }

  static ReportSection scorecard() {
    return new ReportSection(
        "scorecard",
        "Weekly alignment scorecard",
        "What sales and marketing read together on Monday: MQLs delivered, worked within the SLA,"
            + " never touched, MQL -> SQL, why leads were rejected, hours demanded vs capacity,"
            + " pipeline and revenue, each against its target (blank when no target is set);"
            + " the last 12 weeks, oldest first.",
        """
        SELECT * FROM (
        SELECT CAST(week_start AS STRING) AS week, total_mqls AS mqls, target_mql_volume,
               round(100 * within_sla_rate, 1) AS within_sla_pct,
               round(100 * never_touched_rate, 1) AS never_touched_pct,
               round(100 * mql_to_sql_rate, 1) AS mql_to_sql_pct,
               top_disqualification_reasons,
               round(demand_hours, 1) AS demand_hours, round(capacity_hours, 1) AS capacity_hours,
               CAST(pipeline_created AS DOUBLE) AS pipeline_created,
               CAST(won_revenue AS DOUBLE) AS won_revenue
        FROM gold.weekly_alignment_scorecard
        WHERE scope = 'all'
        ORDER BY week_start DESC LIMIT 12
        ) ORDER BY week
        """,
        Spec.bars("week", "", "mqls", "target_mql_volume"));
  }

  static ReportSection funnel() {
    return new ReportSection(
        "funnel",
        "Funnel: stage conversion",
        "How many leads entered each stage, and what share of them reached the next one?"
            + " (monthly cohorts, all dimensions; censored leads are still counted as entered)",
        """
        SELECT stage, min(stage_index) AS stage_index,
               sum(total_entered) AS entered,
               sum(total_reached_next) AS reached_next,
               round(100 * sum(total_reached_next) / nullif(sum(total_entered), 0), 1)
                 AS next_step_pct
        FROM gold.funnel_cohort_conversion
        WHERE period_grain = 'month'
        GROUP BY stage ORDER BY stage_index LIMIT 50
        """,
        Spec.bars("stage", "", "entered", "reached_next"));
  }

  static ReportSection conversionBySource() {
    return new ReportSection(
        "conversion-by-source",
        "Conversion by source",
        "Which channels turn leads and MQLs into won deals?",
        """
        SELECT channel,
               sum(total_leads) AS leads, sum(total_mqls) AS mqls, sum(total_won) AS won,
               round(100 * sum(total_won) / nullif(sum(total_leads), 0), 2) AS lead_to_won_pct,
               round(100 * sum(total_won_from_mql) / nullif(sum(total_mqls), 0), 2)
                 AS mql_to_won_pct
        FROM gold.funnel_end_to_end_conversion
        WHERE period_grain = 'month'
        GROUP BY channel ORDER BY leads DESC LIMIT 30
        """,
        Spec.hbars("channel", "%", "lead_to_won_pct", "mql_to_won_pct"));
  }

  static ReportSection velocity() {
    return new ReportSection(
        "velocity",
        "Stage velocity",
        "How many days does each stage-to-stage step take? (mean weighted by leads)",
        """
        SELECT concat(from_stage, ' -> ', to_stage) AS step,
               min(from_stage_index) AS from_stage_index,
               sum(total_leads) AS leads,
               round(sum(mean_days * total_leads) / nullif(sum(total_leads), 0), 1) AS mean_days
        FROM gold.stage_velocity
        WHERE period_grain = 'month'
        GROUP BY from_stage, to_stage ORDER BY from_stage_index, step LIMIT 50
        """,
        Spec.hbars("step", " d", "mean_days"));
  }

  static ReportSection slaByRep() {
    return new ReportSection(
        "sla",
        "Follow-up SLA compliance by rep",
        "What share of each rep's MQLs got a first sales touch within each SLA target?",
        """
        SELECT rep_id, sla_target,
               sum(total_mqls) AS mqls,
               round(100 * sum(total_within_sla) / nullif(sum(total_mqls), 0), 1)
                 AS within_sla_pct
        FROM gold.followup_sla_targets
        WHERE period_grain = 'month'
        GROUP BY rep_id, sla_target ORDER BY rep_id, sla_target LIMIT 200
        """,
        Spec.pivot("rep_id", "sla_target", "within_sla_pct", "%"));
  }

  static ReportSection capacityByRep() {
    return new ReportSection(
        "capacity",
        "Capacity by rep (latest month)",
        "How many hours do the leads assigned to each rep demand, against the hours available?",
        """
        SELECT rep_id, team,
               sum(total_leads_assigned) AS leads_assigned,
               round(sum(demand_hours), 1) AS demand_hours,
               round(sum(capacity_hours), 1) AS capacity_hours,
               round(100 * sum(demand_hours) / nullif(sum(capacity_hours), 0), 1)
                 AS utilisation_pct
        FROM gold.rep_capacity
        WHERE month_start = (SELECT max(month_start) FROM gold.rep_capacity)
        GROUP BY rep_id, team ORDER BY demand_hours DESC LIMIT 100
        """,
        Spec.hbars("rep_id", " h", "demand_hours", "capacity_hours"));
  }

  static ReportSection disqualificationReasons() {
    return new ReportSection(
        "disqualification",
        "Why leads were rejected",
        "Which disqualification reasons does sales give, and how often?",
        """
        SELECT coalesce(disqualification_reason, '(no reason given)') AS reason,
               sum(total_disqualified) AS disqualified
        FROM gold.disqualification_reasons
        WHERE period_grain = 'month'
        GROUP BY 1 ORDER BY disqualified DESC LIMIT 25
        """,
        Spec.hbars("reason", "", "disqualified"));
  }

  static ReportSection attributionByModel() {
    return new ReportSection(
        "attribution",
        "Attribution compared across models",
        "How much won revenue does each channel earn under each attribution model?",
        """
        SELECT channel, model,
               round(CAST(sum(attributed_won_revenue) AS DOUBLE), 0) AS won_revenue
        FROM gold.attribution_by_channel
        GROUP BY channel, model ORDER BY channel, model LIMIT 200
        """,
        Spec.pivot("channel", "model", "won_revenue", ""));
  }
}
