package io.funnellake.ingest.mapping;

import static io.funnellake.testing.TestLanding.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.FunnelException;
import io.funnellake.ingest.Ingest;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestLanding;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/sources/salesforce.conf on the fixture export in data/fixtures/salesforce (see its README):
 * one ingest, then exact silver values computed by hand. Times print in UTC (the session zone).
 */
class SalesforceMappingTest {
  static final Path FIXTURE = TestConfigs.projectDir().resolve("data/fixtures/salesforce/landing");
  static final String LEAD_HEADER =
      "Id,IsDeleted,MasterRecordId,FirstName,LastName,Email,Phone,Company,Title,Industry,"
          + "NumberOfEmployees,Country,CountryCode,LeadSource,Status,OwnerId,ConvertedDate,"
          + "ConvertedContactId,ConvertedOpportunityId,CreatedDate,LastModifiedDate";

  @TempDir Path tmp;

  private Ingest.Result ingest(Path landing) {
    FunnelConfig config =
        TestConfigs.config(
            tmp.resolve("lakehouse"),
            landing,
            "2025-11-05",
            "sources",
            "[\"" + ShippedMappingsTest.SALESFORCE + "\"]");
    Lakehouse lh = new Lakehouse(TestSpark.session(), config.lakehouse());
    return new Ingest(
            lh,
            config,
            new Pseudonyms(TestConfigs.KEY),
            "20260101T000000000Z-000001",
            Ingest.Options.NONE)
        .run(SourceMappings.loadAll(config));
  }

  private String rows(String query) {
    List<Row> r = TestSpark.session().sql(query).collectAsList();
    return r.toString();
  }

  private String table(String layer, String name) {
    return "delta.`" + tmp.resolve("lakehouse/" + layer + "/" + name) + "`";
  }

  @Test
  void theFixtureExportLoadsIntoSilverWithMappedValues() {
    ingest(FIXTURE);

    // every row accounted for: filters drop LeadHistory non-status rows, unanswered members and
    // open tasks; nothing is quarantined
    assertEquals(
        "[[Account,2,2,0,0], [Campaign,3,3,0,0], [CampaignMember,4,3,0,1],"
            + " [DatedConversionRate,3,3,0,0], [Event,2,2,0,0], [Lead,1,1,0,0], [Lead,4,4,0,0],"
            + " [LeadHistory,5,3,0,2], [Opportunity,2,2,0,0], [OpportunityContactRole,1,1,0,0],"
            + " [OpportunityHistory,3,3,0,0], [Task,4,3,0,1], [User,3,3,0,0]]",
        rows(
            "SELECT substring_index(mapping, '/', -1), rows_read, rows_accepted,"
                + " rows_quarantined, rows_filtered FROM "
                + table("ops", "ingest_log")
                + " ORDER BY 1, 2"));

    // +0000 (Bulk API) and Z (Data Loader, upper-case header, CRLF) both parse; the later
    // LastModifiedDate wins; statuses mapped; CountryCode falls back to Country when empty;
    // ConvertedDate (a date) is midnight UTC; the merged lead is kept as a tombstone
    assertEquals(
        "[[00Q5g00000A1AAAEA3,2025-11-03 14:30:00,2025-11-05 08:00:00,sql,US,web,marketing,"
            + "null,false,null], "
            + "[00Q5g00000A2AAAEA3,2025-11-02 08:00:00,2025-11-04 11:00:00,sal,Germany,"
            + "phone_inquiry,marketing,null,false,null], "
            + "[00Q5g00000A3AAAEA3,2025-10-15 16:45:00,2025-11-04 15:20:00,opportunity,SG,"
            + "outbound,sales,2025-11-04 00:00:00,false,null], "
            + "[00Q5g00000A4AAAEA3,2025-11-01 10:00:00,2025-11-04 09:20:00,lead,null,web,"
            + "marketing,null,true,00Q5g00000A1AAAEA3]]",
        rows(
            "SELECT lead_id, CAST(created_at AS STRING), CAST(updated_at AS STRING), status,"
                + " country, channel, sourced_by, CAST(converted_at AS STRING), is_deleted,"
                + " merged_into_lead_id FROM "
                + table("silver", "leads")
                + " ORDER BY lead_id"));
    assertEquals(
        "[[Gamma, Inc.,Director, \"Revenue\" Ops,1200,0035g00000C3AAAAA1,0065g00000O1AAAAA1]]",
        rows(
            "SELECT company, title, employee_count, converted_contact_id,"
                + " converted_opportunity_id FROM "
                + table("silver", "leads")
                + " WHERE lead_id = '00Q5g00000A3AAAEA3'"));
    // an unmapped custom field stays in bronze _extra under its header name
    assertEquals(
        "[[Economic Buyer], [Economic Buyer]]",
        rows(
            "SELECT coalesce(_extra['Persona__c'], _extra['PERSONA__C']) FROM "
                + table("bronze", "leads")
                + " WHERE lead_id = '00Q5g00000A1AAAEA3'"));

    // LeadHistory (gzip): only Field = Status rows, NewValue and OldValue through the status map
    assertEquals(
        "[[00Q5g00000A1AAAEA3,2025-11-04 09:15:00,mql,lead,0055g00000R9AAAAA1], "
            + "[00Q5g00000A1AAAEA3,2025-11-05 08:00:00,sql,mql,0055g00000R1AAAAA1], "
            + "[00Q5g00000A2AAAEA3,2025-11-04 11:00:00,sal,lead,0055g00000R2AAAAA1]]",
        rows(
            "SELECT lead_id, CAST(changed_at AS STRING), status, previous_status, changed_by FROM "
                + table("silver", "lead_status_history")
                + " ORDER BY lead_id, changed_at"));

    // Account file starts with a BOM: the first header column is still Id
    assertEquals(
        "[[0015g00000B1AAAAA1,Gamma, Inc.,https://www.gamma.co,SG,APAC], "
            + "[0015g00000B2AAAAA1,Delta Freight,deltafreight.com,GB,EMEA]]",
        rows(
            "SELECT account_id, name, domain, country, region FROM "
                + table("silver", "accounts")
                + " ORDER BY account_id"));

    assertEquals(
        "[[7015g00000K1AAAAA1,webinar,webinar,null,null,USD,2025-07-01,2026-06-30], "
            + "[7015g00000K2AAAAA1,webinar,webinar,7015g00000K1AAAAA1,4500.00,USD,2025-10-28,"
            + "2025-10-28], "
            + "[7015g00000K3AAAAA1,sales_prospecting,sales_prospecting,null,12500.50,EUR,"
            + "2025-10-01,2025-12-31]]",
        rows(
            "SELECT campaign_id, campaign_type, channel, parent_campaign_id, cost, currency,"
                + " start_date, end_date FROM "
                + table("silver", "campaigns")
                + " ORDER BY campaign_id"));

    // responded members only; FirstRespondedDate (a date) or, when empty, CreatedDate
    assertEquals(
        "[[00v5g00000M1AAAAA1,00Q5g00000A1AAAEA3,null,webinar_registered,2025-10-20 00:00:00], "
            + "[00v5g00000M2AAAAA1,00Q5g00000A1AAAEA3,null,webinar_attended,2025-10-28 00:00:00],"
            + " [00v5g00000M4AAAAA1,null,0035g00000C3AAAAA1,other,2025-11-04 15:30:00]]",
        rows(
            "SELECT response_id, lead_id, contact_id, response_type,"
                + " CAST(responded_at AS STRING) FROM "
                + table("silver", "campaign_responses")
                + " ORDER BY response_id"));

    // Task: 150 s -> 3 min (2.5 rounded half up); Type, else TaskSubtype; CompletedDateTime,
    // else CreatedDate; WhoId in both lead_id and contact_id. The e-mail's Description has
    // quoted commas, quotes and line breaks. Events are meetings; an all-day event has no
    // ActivityDateTime and takes its ActivityDate.
    assertEquals(
        "[[00T5g00000T1AAAAA1,call,2025-11-04 09:40:00,3,Left Voicemail,00Q5g00000A1AAAEA3,"
            + "00Q5g00000A1AAAEA3,null,0055g00000R1AAAAA1], "
            + "[00T5g00000T2AAAAA1,email,2025-11-04 12:10:00,null,null,00Q5g00000A2AAAEA3,"
            + "00Q5g00000A2AAAEA3,null,0055g00000R2AAAAA1], "
            + "[00T5g00000T3AAAAA1,other,2025-11-05 07:30:00,null,null,0035g00000C3AAAAA1,"
            + "0035g00000C3AAAAA1,0065g00000O1AAAAA1,0055g00000R2AAAAA1], "
            + "[00U5g00000E1AAAAA1,meeting,2025-11-05 15:00:00,45,null,0035g00000C3AAAAA1,"
            + "0035g00000C3AAAAA1,0065g00000O1AAAAA1,0055g00000R2AAAAA1], "
            + "[00U5g00000E2AAAAA1,meeting,2025-11-12 00:00:00,1440,null,00Q5g00000A1AAAEA3,"
            + "00Q5g00000A1AAAEA3,null,0055g00000R1AAAAA1]]",
        rows(
            "SELECT activity_id, activity_type, CAST(activity_at AS STRING), duration_minutes,"
                + " outcome, lead_id, contact_id, opportunity_id, rep_id FROM "
                + table("silver", "sales_activities")
                + " ORDER BY activity_id"));
    assertEquals(
        "[[Hi Bob,\nthanks for the call. As discussed: \"Team\" plan, 40 seats.\nBest, Rae]]",
        rows(
            "SELECT _extra['Description'] FROM "
                + table("bronze", "sales_activities")
                + " WHERE activity_id = '00T5g00000T2AAAAA1'"));

    assertEquals(
        "[[0065g00000O1AAAAA1,discovery,48000.00,EUR,2025-12-19,false,false,sales,"
            + "7015g00000K3AAAAA1,New Business], "
            + "[0065g00000O2AAAAA1,closed_won,18500.00,USD,2025-10-31,true,true,marketing,null,"
            + "Existing Business]]",
        rows(
            "SELECT opportunity_id, stage, amount, currency, close_date, is_won, is_closed,"
                + " sourced_by, primary_campaign_id, opportunity_type FROM "
                + table("silver", "opportunities")
                + " ORDER BY opportunity_id"));
    assertEquals(
        "[[2025-11-04 15:20:00,qualification,40000.00], [2025-11-04 16:10:00,discovery,40000.00],"
            + " [2025-11-05 07:30:00,discovery,48000.00]]",
        rows(
            "SELECT CAST(changed_at AS STRING), stage, amount FROM "
                + table("silver", "opportunity_stage_history")
                + " ORDER BY changed_at"));
    assertEquals(
        "[[0065g00000O1AAAAA1,0035g00000C3AAAAA1,Decision Maker,true]]",
        rows(
            "SELECT opportunity_id, contact_id, role, is_primary FROM "
                + table("silver", "opportunity_contact_roles")));

    // no UserRole.Name in this export: the role comes from Title through the role map; names
    // are pseudonymised from their normalised (lower-case) form
    Pseudonyms p = new Pseudonyms(TestConfigs.KEY);
    assertEquals(
        "[[0055g00000R1AAAAA1,Sales - West,sdr,true,null,"
            + p.hmacHex("name", "rae kim")
            + "], [0055g00000R2AAAAA1,Sales - EMEA,ae,true,null,"
            + p.hmacHex("name", "sam ortiz")
            + "], [0055g00000R9AAAAA1,null,null,false,null,"
            + p.hmacHex("name", "integration user")
            + "]]",
        rows(
            "SELECT rep_id, team, role, is_active, monthly_capacity_hours, name_pseudonym FROM "
                + table("silver", "reps")
                + " ORDER BY rep_id"));

    // units of currency per USD inverted: EUR 0.8 -> 1.25 USD per EUR, GBP 0.75 -> 1.33333333
    assertEquals(
        "[[EUR,2025-11-01,1.25000000,USD], [GBP,2025-11-01,1.33333333,USD],"
            + " [USD,2025-11-01,1.00000000,USD]]",
        rows(
            "SELECT currency, rate_date, rate, quote_currency FROM "
                + table("silver", "currency_rates")
                + " ORDER BY currency"));
  }

  @Test
  void anUnknownLeadStatusFailsNamingTheValueFileAndKey() {
    TestLanding landing = new TestLanding(tmp.resolve("landing"));
    Path f =
        landing.write(
            "salesforce/Lead/2025-11-05/Lead.csv",
            csv(
                LEAD_HEADER,
                "00Q1,false,,,,,,,,,,,,Web,Working - Pending Callback,,,,,"
                    + "2025-11-03T14:30:00.000+0000,2025-11-04T09:15:00.000+0000"));
    FunnelException e = assertThrows(FunnelException.class, () -> ingest(landing.root()));
    assertEquals("MAPPING_UNKNOWN_VALUE", e.code());
    assertEquals(
        "Unknown status value(s) for leads: 'Working - Pending Callback' (status, file "
            + f
            + " row 2).",
        e.problem());
    assertTrue(e.fix().contains("'source.entities.Lead.values.status'"), e.fix());
    assertTrue(e.fix().contains(ShippedMappingsTest.SALESFORCE.toString()), e.fix());
  }

  @Test
  void aHeaderWithoutAMappedColumnFailsNamingFileColumnAndKey() {
    TestLanding landing = new TestLanding(tmp.resolve("landing"));
    Path f =
        landing.write(
            "salesforce/Lead/2025-11-05/Lead.csv",
            csv(
                LEAD_HEADER.replace(",LeadSource", ""),
                "00Q1,false,,,,,,,,,,,,Open,,,,,2025-11-03T14:30:00.000+0000,"
                    + "2025-11-04T09:15:00.000+0000"));
    FunnelException e = assertThrows(FunnelException.class, () -> ingest(landing.root()));
    assertEquals("MAPPING_MISSING_COLUMN", e.code());
    assertEquals("File " + f + " has no column 'LeadSource'.", e.problem());
    assertTrue(e.why().contains("'source.entities.Lead.columns.lead_source'"), e.why());
    assertTrue(e.fix().contains(ShippedMappingsTest.SALESFORCE.toString()), e.fix());
  }
}
