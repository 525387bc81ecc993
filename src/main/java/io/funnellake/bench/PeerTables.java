package io.funnellake.bench;

import io.funnellake.config.FunnelConfig;
import io.funnellake.marts.leads.DailyLeadsBySourceStage;
import java.util.List;

/**
 * The gold tables the DuckDB peer recomputes, each as plain SQL over the same inputs our mart reads
 * (views named {@code <layer>_<table>}). The SQL restates the definition in docs/data-dictionary.md
 * independently of our code, so equal results check both engines.
 */
final class PeerTables {
  private PeerTables() {}

  /** A mart, the tables it reads, and the DuckDB query that must give the same rows. */
  record PeerTable(String martName, List<String> inputs, String duckSql) {}

  static List<PeerTable> all(FunnelConfig config) {
    String zone = config.reportingZone().getId();
    return List.of(dailyLeads(zone));
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
            .formatted(zone));
  }
}
