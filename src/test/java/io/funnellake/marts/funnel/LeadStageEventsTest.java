package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.marts.Mart;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestMarts;
import io.funnellake.testing.TestRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage events from status history: the worked examples of metrics.md, computed by hand. */
class LeadStageEventsTest {
  @TempDir static Path tmp;
  static Map<String, Dataset<Row>> t;

  static final String[] COLS = {
    "stage",
    "occurrence",
    "entered_at",
    "exited_at",
    "is_backfilled",
    "entry_source",
    "exit_status",
    "exit_reason"
  };

  @BeforeAll
  static void build() {
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,disqualification_reason,is_deleted",
            "L1,k1,2025-11-01T09:00:00Z,2025-11-16T15:00:00Z,sql,,false",
            "L2,k2,2025-11-02T09:00:00Z,2025-11-07T09:00:00Z,disqualified,no_budget,false",
            "L3,k3,2025-11-01T09:00:00Z,2025-11-25T09:00:00Z,sql,,false",
            "L4,k4,2025-11-03T08:00:00Z,2025-11-03T09:00:00Z,sql,,false",
            "L5,k5,2025-11-19T10:00:00Z,2025-11-19T10:00:00Z,mql,,false",
            "L6,k6,2025-11-10T09:00:00Z,2025-11-12T09:00:00Z,disqualified,student,false",
            "L7,k7,2025-11-01T09:00:00Z,2025-11-03T09:00:00Z,disqualified,,false",
            "L8,k8,2025-11-01T09:00:00Z,2025-11-03T09:00:00Z,mql,,false",
            "L9,k9,2025-11-01T09:00:00Z,2025-11-02T09:00:00Z,lead,,false",
            "L10,k10,2025-11-01T09:00:00Z,2025-11-02T09:00:00Z,mql,,true",
            "L11,k11,2025-11-01T09:00:00Z,2025-11-10T09:00:00Z,sql,,false");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status,disqualification_reason",
            // MQL Nov 4, SQL Nov 16, SAL never recorded
            "L1,2025-11-01T09:00:00Z,lead,",
            "L1,2025-11-04T10:00:00Z,mql,",
            "L1,2025-11-16T15:00:00Z,sql,",
            // skips mql and sal, then disqualified as an SQL
            "L2,2025-11-02T09:00:00Z,lead,",
            "L2,2025-11-05T09:00:00Z,sql,",
            "L2,2025-11-07T09:00:00Z,disqualified,no_budget",
            // re-MQL after recycling
            "L3,2025-11-01T09:00:00Z,lead,",
            "L3,2025-11-04T09:00:00Z,mql,",
            "L3,2025-11-10T09:00:00Z,recycled,",
            "L3,2025-11-20T09:00:00Z,mql,",
            "L3,2025-11-25T09:00:00Z,sql,",
            // created by sales as an SQL
            "L4,2025-11-03T09:00:00Z,sql,",
            // L5, L6: no history at all
            // history starting with an exit
            "L7,2025-11-03T09:00:00Z,disqualified,",
            // the same status saved twice
            "L8,2025-11-01T09:00:00Z,lead,",
            "L8,2025-11-02T09:00:00Z,mql,",
            "L8,2025-11-03T09:00:00Z,mql,",
            // a status the configuration does not know
            "L9,2025-11-01T09:00:00Z,lead,",
            "L9,2025-11-02T09:00:00Z,nurture,",
            // deleted lead, and a lead silver does not have
            "L10,2025-11-01T09:00:00Z,mql,",
            "L99,2025-11-01T09:00:00Z,mql,",
            // jumps to sql, falls back to mql, back to sql
            "L11,2025-11-01T09:00:00Z,lead,",
            "L11,2025-11-05T09:00:00Z,sql,",
            "L11,2025-11-08T09:00:00Z,mql,",
            "L11,2025-11-10T09:00:00Z,sql,");
    t =
        TestMarts.build(
            tmp,
            "2025-11-30",
            Map.of("silver.leads", leads, "silver.lead_status_history", history),
            List.<Mart>of(new LeadStageEvents(), new LeadExits()));
  }

  static List<String> events(String leadId) {
    return TestRows.of(
        t.get("silver.int_lead_stage_events").filter(col("lead_id").equalTo(leadId)), COLS);
  }

  @Test
  void aSkippedStageTakesTheDateOfTheNextStageReached() {
    assertEquals(
        List.of(
            "lead|1|2025-11-01 09:00|2025-11-04 10:00|false|history|-|-",
            "mql|1|2025-11-04 10:00|2025-11-16 15:00|false|history|-|-",
            "sal|1|2025-11-16 15:00|2025-11-16 15:00|true|backfilled|-|-",
            "sql|1|2025-11-16 15:00|-|false|history|-|-"),
        events("L1"));
  }

  @Test
  void aDisqualifiedSqlStillReachedSqlAndEveryStageBelow() {
    assertEquals(
        List.of(
            "lead|1|2025-11-02 09:00|2025-11-05 09:00|false|history|-|-",
            "mql|1|2025-11-05 09:00|2025-11-05 09:00|true|backfilled|-|-",
            "sal|1|2025-11-05 09:00|2025-11-05 09:00|true|backfilled|-|-",
            "sql|1|2025-11-05 09:00|2025-11-07 09:00|false|history|disqualified|no_budget"),
        events("L2"));
    assertEquals(
        List.of("L2|disqualified|2025-11-07 09:00|no_budget|sql|3"),
        TestRows.of(
            t.get("silver.int_lead_exits").filter(col("lead_id").equalTo("L2")),
            "lead_id",
            "exit_status",
            "exited_at",
            "exit_reason",
            "from_stage",
            "from_stage_index"));
  }

  @Test
  void aReMqlHasTwoOccurrencesAndStagesReachedAreNotBackPopulatedTwice() {
    assertEquals(
        List.of(
            "lead|1|2025-11-01 09:00|2025-11-04 09:00|false|history|-|-",
            "mql|1|2025-11-04 09:00|2025-11-10 09:00|false|history|recycled|-",
            "mql|2|2025-11-20 09:00|2025-11-25 09:00|false|history|-|-",
            "sal|1|2025-11-25 09:00|2025-11-25 09:00|true|backfilled|-|-",
            "sql|1|2025-11-25 09:00|-|false|history|-|-"),
        events("L3"));
    assertEquals(
        List.of(
            "lead|1|2025-11-01 09:00|2025-11-05 09:00|false|history|-|-",
            "mql|1|2025-11-05 09:00|2025-11-05 09:00|true|backfilled|-|-",
            "mql|2|2025-11-08 09:00|2025-11-10 09:00|false|history|-|-",
            "sal|1|2025-11-05 09:00|2025-11-05 09:00|true|backfilled|-|-",
            "sql|1|2025-11-05 09:00|2025-11-08 09:00|false|history|-|-",
            "sql|2|2025-11-10 09:00|-|false|history|-|-"),
        events("L11"));
  }

  @Test
  void aLeadCreatedAsSqlEntersAtSql() {
    assertEquals(List.of("sql|1|2025-11-03 09:00|-|false|history|-|-"), events("L4"));
  }

  @Test
  void leadsWithoutHistoryEnterAtCreationInTheStageOfTheirStatus() {
    assertEquals(List.of("mql|1|2025-11-19 10:00|-|false|creation|-|-"), events("L5"));
    // an exit as the only known status: the first stage at creation, left at updated_at
    assertEquals(
        List.of("lead|1|2025-11-10 09:00|2025-11-12 09:00|false|creation|disqualified|student"),
        events("L6"));
    assertEquals(
        List.of("lead|1|2025-11-01 09:00|2025-11-03 09:00|false|creation|disqualified|-"),
        events("L7"));
  }

  @Test
  void repeatsUnknownStatusesDeletedAndUnknownLeadsAddNoOccurrence() {
    assertEquals(
        List.of(
            "lead|1|2025-11-01 09:00|2025-11-02 09:00|false|history|-|-",
            "mql|1|2025-11-02 09:00|-|false|history|-|-"),
        events("L8"));
    assertEquals(List.of("lead|1|2025-11-01 09:00|-|false|history|-|-"), events("L9"));
    assertEquals(List.of(), events("L10"));
    assertEquals(List.of(), events("L99"));
  }

  @Test
  void grainIsUniqueAndEveryRowCarriesTheLeadKey() {
    Dataset<Row> ev = t.get("silver.int_lead_stage_events");
    assertEquals(26, ev.count());
    assertEquals(26, ev.select("lead_id", "stage", "occurrence").distinct().count());
    assertEquals(0, ev.filter(col("lead_key").isNull()).count());
    assertEquals(
        List.of(
            "lead_id string",
            "lead_key string",
            "stage string",
            "stage_index int",
            "occurrence int",
            "entered_at timestamp",
            "is_backfilled boolean",
            "exited_at timestamp",
            "entry_source string",
            "exit_status string",
            "exit_reason string"),
        java.util.Arrays.stream(ev.schema().fields())
            .map(f -> f.name() + " " + f.dataType().simpleString())
            .toList());
  }
}
