package io.funnellake.ingest;

import static io.funnellake.testing.TestLanding.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.FunnelException;
import io.funnellake.ingest.mapping.SourceMappings;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestLanding;
import io.funnellake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {
  static final String LEADS_HEADER =
      "lead_id,created_at,updated_at,email,first_name,last_name,phone,lead_source,status";

  @TempDir Path tmp;
  TestLanding landing;
  Path lakehouseDir;
  int loads;

  @BeforeEach
  void setUp() {
    landing = new TestLanding(tmp.resolve("landing"));
    lakehouseDir = tmp.resolve("lakehouse");
    landing.write("lead_status_history/.keep", "");
  }

  private Ingest.Result ingest(String runDate, String... extra) {
    FunnelConfig config = TestConfigs.config(lakehouseDir, landing.root(), runDate, extra);
    Lakehouse lh = new Lakehouse(TestSpark.session(), config.lakehouse());
    String loadId = String.format("20260101T000000000Z-%06d", ++loads);
    return new Ingest(lh, config, new Pseudonyms(TestConfigs.KEY), loadId, Ingest.Options.NONE)
        .run(SourceMappings.loadAll(config));
  }

  private Lakehouse lakehouse() {
    return new Lakehouse(TestSpark.session(), lakehouseDir.toString());
  }

  private List<Row> sql(String query) {
    return TestSpark.session().sql(query).collectAsList();
  }

  private String silver(String table) {
    return "delta.`" + lakehouseDir.resolve("silver/" + table) + "`";
  }

  private String ops(String table) {
    return "delta.`" + lakehouseDir.resolve("ops/" + table) + "`";
  }

  @Test
  void goodRowsReachSilverTypedAndPseudonymisedBadRowsAreQuarantinedWithReasons() {
    landing.write(
        "leads/2025-11-04/leads.csv",
        csv(
            LEADS_HEADER,
            "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,Ann@Acme.com ,Ann,Lee,+1 (555) 0101,Paid Search,mql",
            "L2,2025-11-02 12:00:00,2025-11-02 12:00:00,bob@beta.io,Bob,Ray,,webinar,lead",
            "L3,2025-13-40T00:00:00Z,2025-11-03T09:00:00Z,cy@gamma.co,Cy,Ng,,outbound,sql",
            "L4,2025-11-03T08:00:00Z,2025-11-03T09:00:00Z,dee@delta.co,Dee",
            ",2025-11-03T08:00:00Z,2025-11-03T09:00:00Z,,,,,,LEAD"));
    Ingest.Result r = ingest("2025-11-04");

    Ingest.MappingCounts leads =
        r.counts().stream().filter(c -> c.entity().equals("leads")).findFirst().orElseThrow();
    assertEquals(5, leads.rowsRead());
    assertEquals(2, leads.rowsAccepted());
    assertEquals(3, leads.rowsQuarantined());

    List<Row> log =
        sql(
            "SELECT rows_read, rows_accepted, rows_quarantined, rows_filtered, status FROM "
                + ops("ingest_log")
                + " WHERE entity = 'leads'");
    assertEquals("[[5,2,3,0,ingested]]", log.toString());

    List<Row> q =
        sql(
            "SELECT row_number, reason, raw_text FROM "
                + ops("quarantine")
                + " ORDER BY row_number");
    assertEquals(3, q.size());
    assertEquals(4L, q.get(0).getLong(0));
    assertEquals(
        "created_at: '2025-13-40T00:00:00Z' matches none of the timestamp formats"
            + " [yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX, yyyy-MM-dd HH:mm:ss]",
        q.get(0).getString(1));
    assertEquals(
        "L3,2025-13-40T00:00:00Z,2025-11-03T09:00:00Z,cy@gamma.co,Cy,Ng,,outbound,sql",
        q.get(0).getString(2));
    assertEquals("expected 9 fields as in the header, found 5", q.get(1).getString(1));
    assertEquals("lead_id: required value missing", q.get(2).getString(1));

    // bronze: every structurally parsed row, as landed
    assertEquals(
        4L,
        sql("SELECT count(*) FROM delta.`" + lakehouseDir.resolve("bronze/leads") + "`")
            .get(0)
            .getLong(0));

    Pseudonyms p = new Pseudonyms(TestConfigs.KEY);
    List<Row> s =
        sql(
            "SELECT lead_id, created_at, status, channel, sourced_by, email_pseudonym, "
                + "first_name_pseudonym, phone_pseudonym, email_domain, lead_key FROM "
                + silver("leads")
                + " ORDER BY lead_id");
    assertEquals(2, s.size());
    Row l1 = s.get(0);
    assertEquals("L1", l1.getString(0));
    assertEquals(Timestamp.from(Instant.parse("2025-11-01T09:00:00Z")), l1.getTimestamp(1));
    assertEquals("mql", l1.getString(2));
    assertEquals("paid_search", l1.getString(3));
    assertEquals("marketing", l1.getString(4));
    assertEquals(p.hmacHex("email", "ann@acme.com"), l1.getString(5));
    assertEquals(p.hmacHex("name", "ann"), l1.getString(6));
    assertEquals(p.hmacHex("phone", "+15550101"), l1.getString(7));
    assertEquals("acme.com", l1.getString(8));
    assertEquals(p.hmacHex("lead", "L1"), l1.getString(9));
    // no offset in the value: read in the mapping's zone (UTC here)
    assertEquals(Timestamp.from(Instant.parse("2025-11-02T12:00:00Z")), s.get(1).getTimestamp(1));
    assertEquals(
        List.of(),
        List.of(
                TestSpark.session()
                    .read()
                    .format("delta")
                    .load(lakehouseDir.resolve("silver/leads").toString())
                    .columns())
            .stream()
            .filter(c -> c.equals("email") || c.equals("first_name") || c.equals("phone"))
            .toList());
  }

  @Test
  void rerunOfTheSameNightIngestsNothingTwice() {
    landing.write(
        "leads/2025-11-04/leads.csv",
        csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql"));
    ingest("2025-11-04");
    long silverVersion = lakehouse().version(Lakehouse.SILVER, "leads");
    Ingest.Result again = ingest("2025-11-04");
    assertEquals(List.of(), again.counts());
    assertEquals(silverVersion, lakehouse().version(Lakehouse.SILVER, "leads"));
    assertEquals(
        1L,
        sql("SELECT count(*) FROM delta.`" + lakehouseDir.resolve("bronze/leads") + "`")
            .get(0)
            .getLong(0));
    assertEquals(1L, sql("SELECT count(*) FROM " + ops("ingest_log")).get(0).getLong(0));
  }

  @Test
  void anOlderUpdateArrivingLaterNeverOverwritesANewerOne() {
    landing.write(
        "leads/2025-11-16/b.csv",
        csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-16T10:00:00Z,,,,,,sql"));
    ingest("2025-11-16");
    landing.write(
        "leads/2025-11-04/a.csv",
        csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql"));
    ingest("2025-11-16");
    assertEquals("[[sql]]", sql("SELECT status FROM " + silver("leads")).toString());
  }

  @Test
  void duplicateKeysInOneBatchKeepTheLatestVersion() {
    landing.write(
        "leads/2025-11-04/a.csv",
        csv(
            LEADS_HEADER,
            "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,sql",
            "L1,2025-11-01T09:00:00Z,2025-11-02T10:00:00Z,,,,,,mql",
            "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,disqualified"));
    ingest("2025-11-04");
    // equal updated_at: the later row of the file wins
    assertEquals("[[disqualified]]", sql("SELECT status FROM " + silver("leads")).toString());
  }

  @Test
  void aChangedFileFailsByDefaultAndCanBeReingestedOrSkipped() throws Exception {
    Path f =
        landing.write(
            "leads/2025-11-04/a.csv",
            csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql"));
    ingest("2025-11-04");
    Files.writeString(
        f,
        csv(
            LEADS_HEADER,
            "L1,2025-11-01T09:00:00Z,2025-11-04T11:00:00Z,,,,,,sql",
            "L2,2025-11-01T09:00:00Z,2025-11-04T11:00:00Z,,,,,,lead"));
    FunnelException e = assertThrows(FunnelException.class, () -> ingest("2025-11-04"));
    assertEquals("FILE_CHANGED", e.code());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--changed-files reingest"), e.getMessage());

    Ingest.Result skipped = ingest("2025-11-04", "ingest.changed_files", "skip");
    assertEquals(List.of(), skipped.counts());
    assertEquals("[[mql]]", sql("SELECT status FROM " + silver("leads")).toString());
    assertEquals(
        "[[changed_skipped]]",
        sql("SELECT status FROM " + ops("ingest_log") + " WHERE load_id LIKE '%3'").toString());

    Files.writeString(
        f, csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T12:00:00Z,,,,,,sql"));
    Ingest.Result re = ingest("2025-11-04", "ingest.changed_files", "reingest");
    assertEquals(1, re.counts().get(0).rowsAccepted());
    assertEquals("[[sql]]", sql("SELECT status FROM " + silver("leads")).toString());
  }

  @Test
  void aMissingMappedColumnFailsNamingFileColumnAndMappingKey() {
    Path f =
        landing.write(
            "leads/2025-11-04/a.csv",
            csv("lead_id,created_at,updated_at", "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z"));
    FunnelException e = assertThrows(FunnelException.class, () -> ingest("2025-11-04"));
    assertEquals("MAPPING_MISSING_COLUMN", e.code());
    assertEquals("File " + f + " has no column 'status'.", e.problem());
    assertTrue(e.why().contains("source.entities.leads.columns.status"), e.why());
    assertTrue(e.why().contains("conf/sources/canonical.conf"), e.why());
    assertEquals(false, lakehouse().exists(Lakehouse.SILVER, "leads"), "nothing written");
  }

  @Test
  void reorderedHeadersMapByName() {
    landing.write(
        "leads/2025-11-04/a.csv",
        csv(
            "status,updated_at,lead_id,created_at",
            "mql,2025-11-04T10:00:00Z,L1,2025-11-01T09:00:00Z"));
    ingest("2025-11-04");
    assertEquals("[[L1,mql]]", sql("SELECT lead_id, status FROM " + silver("leads")).toString());
  }

  @Test
  void unknownStatusFailsNamingTheValueAndKeyOrIsQuarantinedWhenConfigured() throws Exception {
    landing.write(
        "leads/2025-11-04/a.csv",
        csv(
            "lead_id,created_at,updated_at,status",
            "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,Working"));
    FunnelException e = assertThrows(FunnelException.class, () -> ingest("2025-11-04"));
    assertEquals("MAPPING_UNKNOWN_VALUE", e.code());
    assertTrue(e.problem().contains("'Working' (status, file "), e.problem());
    assertTrue(e.fix().contains("source.entities.leads.values.status"), e.fix());

    Path mapping = tmp.resolve("lenient.conf");
    Files.writeString(
        mapping,
        Files.readString(TestConfigs.projectDir().resolve("conf/sources/canonical.conf"))
            .replace("unknown_values = fail", "unknown_values = quarantine"));
    ingest("2025-11-04", "sources", "[\"" + mapping + "\"]");
    assertEquals(
        "[[status: unknown value 'Working' (map it under source.entities.leads.values.status)]]",
        sql("SELECT reason FROM " + ops("quarantine")).toString());
  }

  @Test
  void anEmptyFileIsRecordedAndAHeaderOnlyFileLoadsNothing() {
    landing.write("leads/2025-11-04/empty.csv", "");
    landing.write("leads/2025-11-04/header.csv", csv(LEADS_HEADER));
    ingest("2025-11-04");
    assertEquals(
        "[[empty.csv,empty,0], [header.csv,ingested,0]]",
        sql("SELECT regexp_extract(file_path, '[^/]+$', 0), status, rows_read FROM "
                + ops("ingest_log")
                + " ORDER BY 1")
            .toString());
  }

  @Test
  void aTruncatedGzipFailsClearlyOrIsRecordedAsFailedAndRetried() throws Exception {
    StringBuilder sb = new StringBuilder(LEADS_HEADER + "\n");
    for (int i = 0; i < 2000; i++) {
      sb.append("L").append(i).append(",2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,lead\n");
    }
    Path gz = landing.writeGzip("leads/2025-11-04/big.csv.gz", sb.toString());
    byte[] all = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
    FunnelException e = assertThrows(FunnelException.class, () -> ingest("2025-11-04"));
    assertEquals("FILE_UNREADABLE", e.code());
    assertTrue(e.problem().contains("big.csv.gz"), e.problem());
    assertTrue(e.problem().contains("EOFException"), e.problem());

    ingest("2025-11-04", "ingest.file_errors", "skip");
    assertEquals(
        "[[failed,0]]", sql("SELECT status, rows_accepted FROM " + ops("ingest_log")).toString());
    assertEquals(false, lakehouse().exists(Lakehouse.SILVER, "leads"), "no partial load");

    landing.writeGzip("leads/2025-11-04/big.csv.gz", sb.toString());
    Ingest.Result fixed = ingest("2025-11-04");
    assertEquals(2000, fixed.counts().get(0).rowsAccepted(), "a failed file is retried");
  }

  @Test
  void invalidUtf8RowIsQuarantinedAndTheRestLoads() {
    byte[] head =
        csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql").getBytes();
    byte[] bad =
        "L2,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,J\u00fcrgen,,,,lead\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    landing.writeBytes("leads/2025-11-04/a.csv", all);
    ingest("2025-11-04");
    assertEquals(
        "[[3,invalid UTF-8 bytes at byte 48 of the line]]",
        sql("SELECT row_number, reason FROM " + ops("quarantine")).toString());
    assertEquals("[[L1]]", sql("SELECT lead_id FROM " + silver("leads")).toString());
  }

  @Test
  void missingLandingRootAndRequiredFolderFailOptionalFolderIsNoted() throws Exception {
    FunnelConfig noRoot = TestConfigs.config(lakehouseDir, tmp.resolve("nowhere"), "2025-11-04");
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () ->
                new Ingest(
                        new Lakehouse(TestSpark.session(), noRoot.lakehouse()),
                        noRoot,
                        new Pseudonyms(TestConfigs.KEY),
                        "x",
                        Ingest.Options.NONE)
                    .run(SourceMappings.loadAll(noRoot)));
    assertEquals("LANDING_MISSING", e.code());

    FunnelException req = assertThrows(FunnelException.class, () -> ingest("2025-11-04"));
    assertEquals("LANDING_FOLDER_MISSING", req.code());
    assertTrue(req.problem().contains(landing.root().resolve("leads").toString()), req.problem());

    landing.write("leads/2025-11-04/a.csv", csv(LEADS_HEADER));
    Ingest.Result r = ingest("2025-11-04");
    assertTrue(
        r.notes()
            .contains(
                "canonical/accounts: landing folder accounts not found; skipped (not required)"),
        r.notes().toString());
  }

  @Test
  void filesDatedAfterTheRunDateWaitForALaterRun() {
    landing.write(
        "leads/2025-11-04/a.csv",
        csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql"));
    landing.write(
        "leads/2025-11-05/b.csv",
        csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-05T10:00:00Z,,,,,,sql"));
    Ingest.Result first = ingest("2025-11-04");
    assertEquals(1, first.counts().get(0).files());
    assertEquals("[[mql]]", sql("SELECT status FROM " + silver("leads")).toString());
    ingest("2025-11-05");
    assertEquals("[[sql]]", sql("SELECT status FROM " + silver("leads")).toString());
  }

  @Test
  void theSameContentUnderANewNameIsNotLoadedTwice() {
    String content = csv(LEADS_HEADER, "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql");
    landing.write("leads/2025-11-04/a.csv", content);
    ingest("2025-11-04");
    landing.write("leads/2025-11-04/a-copy.csv", content);
    Ingest.Result r = ingest("2025-11-04");
    assertEquals(0, r.counts().get(0).files());
    assertEquals(
        "[[a-copy.csv,duplicate]]",
        sql("SELECT regexp_extract(file_path, '[^/]+$', 0), status FROM "
                + ops("ingest_log")
                + " WHERE status <> 'ingested'")
            .toString());
    assertEquals(
        1L,
        sql("SELECT count(*) FROM delta.`" + lakehouseDir.resolve("bronze/leads") + "`")
            .get(0)
            .getLong(0));
  }

  @Test
  void everyRowOfEveryFileIsAccountedFor() {
    landing.write(
        "leads/2025-11-04/a.csv",
        csv(
            LEADS_HEADER,
            "L1,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql",
            "broken\"",
            "L3,x,y,,,,,,lead"));
    landing.write(
        "leads/2025-11-04/b.csv",
        csv(LEADS_HEADER, "L4,2025-11-01T09:00:00Z,2025-11-04T10:00:00Z,,,,,,mql"));
    ingest("2025-11-04");
    List<Row> rows =
        sql(
            "SELECT rows_read, rows_accepted + rows_quarantined + rows_filtered FROM "
                + ops("ingest_log"));
    assertEquals(2, rows.size());
    for (Row r : rows) {
      assertEquals(r.getLong(0), r.getLong(1));
    }
    long quarantined = sql("SELECT count(*) FROM " + ops("quarantine")).get(0).getLong(0);
    assertEquals(2L, quarantined);
    assertEquals(
        List.of("a.csv"),
        sql("SELECT DISTINCT regexp_extract(source_file, '[^/]+$', 0) FROM " + ops("quarantine"))
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toList()));
  }
}
