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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a warning row with its reason, never a crash or a silent drop. */
class FunnelDataWarningsTest {
  @TempDir Path tmp;

  @Test
  void unknownStagesTimeGoingBackwardsAndActivitiesBeforeTheLeadAreReported() {
    Dataset<Row> leads =
        TestFrames.silver(
            Entity.LEADS,
            "lead_id,lead_key,created_at,updated_at,status,is_deleted",
            "W1,k1,2025-11-02T09:00:00Z,2025-11-05T09:00:00Z,sql,false",
            "W2,k2,2025-11-03T09:00:00Z,2025-11-03T09:00:00Z,mql,false",
            "W3,k3,2025-11-03T09:00:00Z,2025-11-04T09:00:00Z,mql,true");
    Dataset<Row> history =
        TestFrames.silver(
            Entity.LEAD_STATUS_HISTORY,
            "lead_id,changed_at,status,previous_status",
            // recorded before the lead was created
            "W1,2025-11-01T09:00:00Z,lead,",
            // says it came from sql, but by time the lead was a lead: time went backwards
            "W1,2025-11-03T09:00:00Z,mql,sql",
            // a status the configuration no longer knows
            "W1,2025-11-04T09:00:00Z,nurture,mql",
            "W1,2025-11-05T09:00:00Z,sql,nurture",
            // after the end of the run date
            "W1,2025-12-02T09:00:00Z,sql,sql",
            // a lead silver does not have, and a deleted one (not reported)
            "W9,2025-11-01T09:00:00Z,lead,",
            "W3,2025-11-03T09:00:00Z,mql,");
    Dataset<Row> activities =
        TestFrames.silver(
            Entity.SALES_ACTIVITIES,
            "activity_id,lead_id,rep_id,activity_type,activity_at",
            "A1,W1,R1,call,2025-11-01T08:00:00Z",
            "A2,W1,R1,call,2025-11-03T10:00:00Z",
            "A3,X9,R1,call,2025-11-03T10:00:00Z");
    Map<String, Dataset<Row>> t =
        TestMarts.build(
            tmp,
            "2025-11-30",
            Map.of(
                "silver.leads", leads,
                "silver.lead_status_history", history,
                "silver.sales_activities", activities),
            List.<Mart>of(new LeadStageEvents(), new FunnelDataWarnings()));
    Dataset<Row> w = t.get("gold.funnel_data_warnings");
    assertEquals(
        List.of(
            "activity_before_lead_created|sales_activities|A1|k1|2025-11-01 08:00"
                + "|activity before the lead was created at 2025-11-02T09:00:00Z; kept, never a"
                + " follow-up touch",
            "activity_unknown_lead|sales_activities|A3|-|2025-11-03 10:00"
                + "|the lead is not in silver.leads; ignored by the lead marts",
            "history_after_run_date|lead_status_history|k1|2025-12-02T09:00:00Z|sql|k1"
                + "|2025-12-02 09:00|the change is later than the end of the run date; kept",
            "history_before_creation|lead_status_history|k1|2025-11-01T09:00:00Z|lead|k1"
                + "|2025-11-01 09:00|status 'lead' entered before the lead was created at"
                + " 2025-11-02T09:00:00Z; kept as recorded",
            "history_out_of_order|lead_status_history|k1|2025-11-03T09:00:00Z|mql|k1"
                + "|2025-11-03 09:00|previous_status is 'sql' but by time the lead was in 'lead';"
                + " the history is used in time order",
            "no_status_history|leads|k2|k2|2025-11-03 09:00|no status history; the lead enters at"
                + " its creation with status 'mql'",
            "unknown_lead|lead_status_history|-|2025-11-01T09:00:00Z|lead|-|2025-11-01 09:00"
                + "|the lead is not in silver.leads; row ignored",
            "unknown_status|lead_status_history|k1|2025-11-04T09:00:00Z|nurture|k1"
                + "|2025-11-04 09:00|status 'nurture' is neither a stage nor an exit of"
                + " funnel.stages.lead; row ignored"),
        TestRows.of(
            w.withColumn(
                    "record_key",
                    // pseudonyms of unknown leads are keyed hashes: shown as "-" here
                    org.apache.spark.sql.functions.regexp_replace(
                        col("record_key"), "^[0-9a-f]{32}", "-"))
                .withColumn(
                    "lead_key",
                    org.apache
                        .spark
                        .sql
                        .functions
                        .when(col("lead_key").rlike("^[0-9a-f]{32}$"), null)
                        .otherwise(col("lead_key"))),
            "warning",
            "entity",
            "record_key",
            "lead_key",
            "event_at",
            "detail"));
    // the unknown status and the later sql are still read: W1 reached sql on Nov 5
    assertEquals(
        List.of(
            "lead|1|2025-11-01 09:00",
            "mql|1|2025-11-03 09:00",
            "sal|1|2025-11-05 09:00",
            "sql|1|2025-11-05 09:00"),
        TestRows.of(
            t.get("silver.int_lead_stage_events").filter(col("lead_id").equalTo("W1")),
            "stage",
            "occurrence",
            "entered_at"));
  }
}
