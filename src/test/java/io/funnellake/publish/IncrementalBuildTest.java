package io.funnellake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.IncrementalMart;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.funnel.LeadExits;
import io.funnellake.marts.funnel.LeadStageEvents;
import io.funnellake.marts.funnel.OpportunityStageEvents;
import io.funnellake.testing.LakehouseState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental intermediates on the tiny fixture: the 5th's export, then the 20th's (L1 reaches SQL,
 * L2 is disqualified, L5 is new, L6 is quarantined), rebuild only L1, L2 and L5 and end equal to a
 * full build; whatever makes the watermark untrustworthy builds in full.
 */
class IncrementalBuildTest {
  static final List<IncrementalMart> MARTS =
      List.of(new LeadStageEvents(), new LeadExits(), new OpportunityStageEvents());
  static final String EVENTS = LeadStageEvents.NAME;

  @TempDir Path tmp;

  private TinyNights tiny;

  @BeforeEach
  void setUp() {
    tiny = new TinyNights(tmp);
  }

  private Path landing() {
    return tiny.landing();
  }

  private Lakehouse lakehouse() {
    return tiny.lakehouse();
  }

  private void night(String runDate, String... extra) {
    tiny.night(MARTS, runDate, extra);
  }

  private void night(List<Mart> marts, String runDate, String... extra) {
    tiny.night(marts, runDate, extra);
  }

  private void land(String exportDate) throws IOException {
    tiny.land(exportDate);
  }

  private String metadata(String table) {
    return tiny.metadata(Lakehouse.SILVER, table);
  }

  private static void assertMode(String expected, String metadata) {
    TinyNights.assertMode(expected, metadata);
  }

  /** Rows per lead (or opportunity) of a stored table. */
  private Map<String, Long> rowsPerKey(String table, String key) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : lakehouse().read(Lakehouse.SILVER, table).groupBy(key).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** Each table as stored equals the same mart built in full from the same silver. */
  private void assertEqualToFullBuild(String runDate, String why) {
    MartContext ctx = tiny.context(runDate);
    for (IncrementalMart m : MARTS) {
      assertEquals(
          LakehouseState.rows(m.build(ctx)),
          LakehouseState.rows(lakehouse().read(m.layer(), m.name())),
          m.name() + " " + why);
    }
  }

  @Test
  void aNightRebuildsOnlyTheLeadsItChangedAndEndsEqualToAFullBuild() throws IOException {
    land("2025-11-05");
    night("2025-11-05");
    assertMode("full keys=all", metadata(EVENTS));
    // L3 was created by sales as an SQL: one row, nothing back-populated before its first status
    assertEquals(Map.of("L1", 2L, "L2", 1L, "L3", 1L, "L4", 1L), rowsPerKey(EVENTS, "lead_id"));
    assertEquals(Map.of(), rowsPerKey(LeadExits.NAME, "lead_id"));
    assertTrue(
        metadata(OpportunityStageEvents.NAME)
            .contains(" opportunities=- opportunity_stage_history=- | "),
        metadata(OpportunityStageEvents.NAME));

    land("2025-11-20");
    night("2025-11-20");
    // L1 (SQL, SAL back-populated), L2 (disqualified), L5 (new); L6's row was quarantined
    assertMode("incremental keys=3", metadata(EVENTS));
    assertMode("incremental keys=3", metadata(LeadExits.NAME));
    assertEquals(
        Map.of("L1", 4L, "L2", 1L, "L3", 1L, "L4", 1L, "L5", 1L), rowsPerKey(EVENTS, "lead_id"));
    assertEquals(Map.of("L2", 1L), rowsPerKey(LeadExits.NAME, "lead_id"));
    assertEqualToFullBuild("2025-11-20", "after the 20th");

    // nothing new: the tables are left at their versions
    long events = lakehouse().version(Lakehouse.SILVER, EVENTS);
    long opportunities = lakehouse().version(Lakehouse.SILVER, OpportunityStageEvents.NAME);
    night("2025-11-21");
    assertEquals(events, lakehouse().version(Lakehouse.SILVER, EVENTS));
    assertEquals(opportunities, lakehouse().version(Lakehouse.SILVER, OpportunityStageEvents.NAME));
  }

  @Test
  void aTableWrittenByHandIsRebuiltInFullNotContinued() throws IOException {
    land("2025-11-05");
    night("2025-11-05");
    // someone empties the table outside the pipeline: its last commit carries no watermark
    Lakehouse lh = lakehouse();
    lh.read(Lakehouse.SILVER, EVENTS)
        .limit(0)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(lh.path(Lakehouse.SILVER, EVENTS));
    assertNull(metadata(EVENTS));
    land("2025-11-20");
    night("2025-11-20");
    assertMode("full keys=all", metadata(EVENTS));
    assertMode("incremental keys=3", metadata(LeadExits.NAME));
    assertEqualToFullBuild("2025-11-20", "after a hand-written table");
  }

  @Test
  void changedStageSettingsOrDisabledIncrementsBuildInFull() throws IOException {
    land("2025-11-05");
    night("2025-11-05");
    land("2025-11-20");
    // recycled is no longer an exit: every lead's events may change
    night("2025-11-20", "stages.lead.exits", "[disqualified, lost]");
    assertMode("full keys=all", metadata(EVENTS));
    assertEqualToFullBuild("2025-11-20", "after a settings change");

    Files.writeString(
        landing().resolve("lead_status_history/2025-11-20/late.csv"),
        "lead_id,changed_at,status,previous_status,disqualification_reason,changed_by\n"
            + "L4,2025-11-21T08:00:00Z,mql,lead,,\n");
    // (a night of history alone: no lead volume to compare)
    night("2025-11-21", "marts.incremental", "false", "quality.rules", "[]");
    assertMode("full keys=all", metadata(EVENTS));
    assertEquals(2L, rowsPerKey(EVENTS, "lead_id").get("L4"));
  }

  @Test
  void unreadableChangesBuildInFull() throws IOException {
    land("2025-11-05");
    night("2025-11-05");
    land("2025-11-20");
    // a night that builds only the exits: the events' watermark stays at the 5th
    night(List.of(new LeadExits()), "2025-11-20");
    // the 20th's change files of silver.leads are lost (e.g. vacuumed): the feed cannot say
    Path changes = tmp.resolve("lakehouse/silver/leads/_change_data");
    assertTrue(Files.isDirectory(changes), "L1 and L2 were updated, so changes were recorded");
    try (Stream<Path> walk = Files.walk(changes)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.writeString(
        landing().resolve("leads/2025-11-20/update.csv"),
        "lead_id,created_at,updated_at,email,first_name,last_name,phone,company,title,industry,"
            + "employee_count,country,persona,lead_source,original_campaign_id,owner_id,status,"
            + "disqualification_reason\n"
            + "L4,2025-11-04T23:30:00Z,2025-11-21T09:00:00Z,dee@delta.co,Dee,Fox,,Delta,Analyst,"
            + "retail,40,FR,practitioner,Paid Search,C1,R2,mql,\n");
    night("2025-11-21");
    assertMode("full keys=all", metadata(EVENTS));
    assertTrue(metadata(EVENTS).contains("| changes unreadable: "), metadata(EVENTS));
    // the exits' watermark is at the 20th: only L4 changed since
    assertMode("incremental keys=1", metadata(LeadExits.NAME));
    assertEqualToFullBuild("2025-11-21", "after lost change files");
  }

  @Test
  void malformedWatermarksAreNotWatermarks() {
    assertNull(IncrementalBuild.parse(null));
    assertNull(IncrementalBuild.parse("written by hand"));
    assertNull(IncrementalBuild.parse(IncrementalBuild.TAG + " fingerprint"));
    assertEquals(
        Map.of("fingerprint", "ab", "leads", "id@3"),
        IncrementalBuild.parse(IncrementalBuild.TAG + " fingerprint=ab leads=id@3 | first build"));
  }
}
