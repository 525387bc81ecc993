package io.funnellake.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.ingest.Ingest;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/sources/hubspot.conf on the fixture export in data/fixtures/hubspot (see its README): one
 * ingest, then exact silver values computed by hand. The mapping reads wall-clock times in
 * America/New_York (EDT, UTC-4, until 2025-11-02; EST, UTC-5, after); times print in UTC.
 */
class HubSpotMappingTest {
  static final Path FIXTURE = TestConfigs.projectDir().resolve("data/fixtures/hubspot/landing");

  @TempDir Path tmp;

  private String rows(String query) {
    return TestSpark.session().sql(query).collectAsList().toString();
  }

  private String table(String layer, String name) {
    return "delta.`" + tmp.resolve("lakehouse/" + layer + "/" + name) + "`";
  }

  @Test
  void theFixtureExportLoadsIntoSilverWithMappedValues() {
    FunnelConfig config =
        TestConfigs.config(
            tmp.resolve("lakehouse"),
            FIXTURE,
            "2025-11-05",
            "sources",
            "[\"" + ShippedMappingsTest.HUBSPOT + "\"]");
    new Ingest(
            new Lakehouse(TestSpark.session(), config.lakehouse()),
            config,
            new Pseudonyms(TestConfigs.KEY),
            "20260101T000000000Z-000001",
            Ingest.Options.NONE)
        .run(SourceMappings.loadAll(config));

    // the contacts file is read once per mapping; the contact without lifecycle dates gives no
    // history row and is counted as filtered
    assertEquals(
        "[[contact_lifecycle,11,10,0,1], [contacts,4,4,0,0], [deals,3,3,0,0],"
            + " [engagements,6,6,0,0]]",
        rows(
            "SELECT substring_index(mapping, '/', -1), rows_read, rows_accepted,"
                + " rows_quarantined, rows_filtered FROM "
                + table("ops", "ingest_log")
                + " ORDER BY 1"));

    // BOM and CRLF export; lifecycle values as labels and internal names
    assertEquals(
        "[[101,2025-10-20 13:30:00,2025-11-04 15:05:00,mql,5011,organic_search,Economic Buyer,"
            + "United States], "
            + "[102,2025-11-01 12:00:00,2025-11-03 16:20:00,sql,5012,offline_sources,null,"
            + "Germany], "
            + "[103,2025-09-02 18:00:00,2025-11-05 14:00:30,won,5012,paid_search,null,Singapore],"
            + " [104,2025-11-05 13:10:00,2025-11-05 13:10:00,lead,null,direct_traffic,null,null]]",
        rows(
            "SELECT lead_id, CAST(created_at AS STRING), CAST(updated_at AS STRING), status,"
                + " owner_id, channel, persona, country FROM "
                + table("silver", "leads")
                + " ORDER BY lead_id"));

    // one row per filled "Became a ... Date" column, wall-clock time moved to UTC
    assertEquals(
        "[[101,2025-10-20 13:30:00,lead], [101,2025-10-28 20:45:00,lead],"
            + " [101,2025-11-04 15:00:00,mql], [102,2025-11-01 12:00:00,lead],"
            + " [102,2025-11-03 16:15:00,sql], [103,2025-09-02 18:00:00,lead],"
            + " [103,2025-09-05 14:00:00,mql], [103,2025-09-15 15:00:00,sql],"
            + " [103,2025-09-20 16:00:00,opportunity], [103,2025-10-31 21:30:00,won]]",
        rows(
            "SELECT lead_id, CAST(changed_at AS STRING), status FROM "
                + table("silver", "lead_status_history")
                + " ORDER BY lead_id, changed_at"));

    // gzip export; stage labels and internal values; a multi-contact deal keeps the raw list
    assertEquals(
        "[[9001,qualification,15000.00,USD,2025-12-15,2025-11-03 16:30:00,2025-11-04 14:00:00,"
            + "5012,102,false,false], "
            + "[9002,closed_won,48000.50,EUR,2025-10-31,2025-09-20 16:00:00,2025-10-31 21:30:00,"
            + "5012,103,true,true], "
            + "[9003,proposal,9900.00,USD,2025-11-28,2025-11-04 15:30:00,2025-11-05 13:45:00,"
            + "5011,101;103,false,false]]",
        rows(
            "SELECT opportunity_id, stage, amount, currency, close_date,"
                + " CAST(created_at AS STRING), CAST(updated_at AS STRING), owner_id,"
                + " converted_from_lead_id, is_won, is_closed FROM "
                + table("silver", "opportunities")
                + " ORDER BY opportunity_id"));

    // JSON paths into nested objects and arrays; epoch millis; 150000 ms -> 3 min and
    // 30000 ms -> 1 min (whole minutes, half up); disposition GUIDs mapped to outcomes
    assertEquals(
        "[[7000001,call,2025-11-04 15:00:00,3,connected,102,9001,5012], "
            + "[7000002,call,2025-11-04 16:10:00,1,no_answer,103,null,5012], "
            + "[7000003,email,2025-11-04 15:20:00,null,null,101,null,5011], "
            + "[7000004,other,2025-11-04 18:45:00,null,null,101,null,5011], "
            + "[7000005,meeting,2025-11-05 14:00:00,null,null,103,9002,5012], "
            + "[7000006,other,2025-11-05 14:35:00,null,null,null,9002,5012]]",
        rows(
            "SELECT activity_id, activity_type, CAST(activity_at AS STRING), duration_minutes,"
                + " outcome, lead_id, opportunity_id, rep_id FROM "
                + table("silver", "sales_activities")
                + " ORDER BY activity_id"));
  }
}
