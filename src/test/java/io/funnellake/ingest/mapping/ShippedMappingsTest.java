package io.funnellake.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.contract.ValueSets;
import io.funnellake.errors.FunnelException;
import io.funnellake.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Salesforce and HubSpot mappings load, and broken copies fail at load. */
class ShippedMappingsTest {
  static final Path SALESFORCE = TestConfigs.projectDir().resolve("conf/sources/salesforce.conf");
  static final Path HUBSPOT = TestConfigs.projectDir().resolve("conf/sources/hubspot.conf");

  @TempDir Path tmp;

  private Map<String, List<String>> valueSets() {
    return ValueSets.resolve(TestConfigs.config(tmp, tmp, "2025-11-05").stages());
  }

  private EntityMapping block(List<EntityMapping> all, String key) {
    return all.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void salesforceMappingLoadsEveryObjectFromItsOwnFolder() {
    List<EntityMapping> all = SourceMappings.load(SALESFORCE.toString(), valueSets());
    assertEquals(
        List.of(
            "salesforce/Lead leads salesforce/Lead",
            "salesforce/LeadHistory lead_status_history salesforce/LeadHistory",
            "salesforce/Account accounts salesforce/Account",
            "salesforce/Campaign campaigns salesforce/Campaign",
            "salesforce/CampaignMember campaign_responses salesforce/CampaignMember",
            "salesforce/Event sales_activities salesforce/Event",
            "salesforce/Task sales_activities salesforce/Task",
            "salesforce/Opportunity opportunities salesforce/Opportunity",
            "salesforce/OpportunityHistory opportunity_stage_history salesforce/OpportunityHistory",
            "salesforce/OpportunityContactRole opportunity_contact_roles"
                + " salesforce/OpportunityContactRole",
            "salesforce/User reps salesforce/User",
            "salesforce/DatedConversionRate currency_rates salesforce/DatedConversionRate"),
        all.stream().map(m -> m.id() + " " + m.entity().table() + " " + m.folder()).toList());

    EntityMapping lead = block(all, "Lead");
    assertEquals(List.of("CountryCode", "Country"), lead.columns().get("country"));
    assertEquals("sal", lead.values().get("status").get("working - contacted"));
    // the shared map reaches both history fields through the HOCON substitution
    EntityMapping history = block(all, "LeadHistory");
    assertEquals(lead.values().get("status"), history.values().get("status"));
    assertEquals(lead.values().get("status"), history.values().get("previous_status"));
    assertEquals(
        "discovery", block(all, "Opportunity").values().get("stage").get("id. decision makers"));
    assertEquals(
        Transform.SECONDS_TO_MINUTES, block(all, "Task").transforms().get("duration_minutes"));
    assertEquals(Transform.RECIPROCAL, block(all, "DatedConversionRate").transforms().get("rate"));
  }

  @Test
  void hubspotMappingReadsTheContactsExportTwiceAndEngagementsAsJsonLines() {
    List<EntityMapping> all = SourceMappings.load(HUBSPOT.toString(), valueSets());
    assertEquals(
        List.of(
            "hubspot/contacts leads hubspot/contacts CSV",
            "hubspot/contact_lifecycle lead_status_history hubspot/contacts CSV",
            "hubspot/engagements sales_activities hubspot/engagements JSONL",
            "hubspot/deals opportunities hubspot/deals CSV"),
        all.stream()
            .map(m -> m.id() + " " + m.entity().table() + " " + m.folder() + " " + m.format())
            .toList());
    Unpivot u = block(all, "contact_lifecycle").unpivot();
    assertEquals("mql", u.columns().get("Became a Marketing Qualified Lead Date"));
    assertEquals("America/New_York", block(all, "contacts").timeZone());
  }

  private Path brokenCopy(Path original, String from, String to) throws IOException {
    String text = Files.readString(original);
    assertTrue(text.contains(from), "the original contains " + from);
    Path copy = tmp.resolve(original.getFileName());
    Files.writeString(copy, text.replace(from, to));
    return copy;
  }

  private FunnelException loadFails(Path mapping) {
    FunnelException e =
        assertThrows(
            FunnelException.class, () -> SourceMappings.load(mapping.toString(), valueSets()));
    assertEquals("MAPPING_INVALID", e.code());
    return e;
  }

  @Test
  void aFieldTheEntityDoesNotHaveFailsAtLoadNamingTheKey() throws IOException {
    FunnelException e =
        loadFails(
            brokenCopy(SALESFORCE, "        # persona = Persona__c", "        rating = Rating"));
    assertTrue(
        e.problem().contains("key 'source.entities.Lead.columns.rating': 'rating' is not a field"),
        e.problem());
    assertTrue(e.fix().contains("salesforce.conf"), e.fix());
  }

  @Test
  void anUnknownTransformFailsAtLoadNamingTheKey() throws IOException {
    FunnelException e =
        loadFails(brokenCopy(SALESFORCE, "= seconds_to_minutes", "= seconds_to_hours"));
    assertTrue(
        e.problem()
            .contains(
                "key 'source.entities.Task.transforms.duration_minutes': unknown transform"
                    + " 'seconds_to_hours'; use one of [reciprocal, seconds_to_minutes,"
                    + " millis_to_minutes]"),
        e.problem());
  }

  @Test
  void aValueMappedToANonCanonicalStageFailsAtLoadNamingTheKey() throws IOException {
    FunnelException e = loadFails(brokenCopy(HUBSPOT, "closedwon = closed_won", "closedwon = won"));
    assertTrue(
        e.problem()
            .contains(
                "key 'source.entities.deals.values.stage': 'won' is not a canonical stage;"
                    + " allowed: [qualification, discovery, proposal, negotiation, closed_won,"
                    + " closed_lost]"),
        e.problem());
  }

  @Test
  void anEpochDateFormatFailsAtLoadInsteadOfInSpark() throws IOException {
    FunnelException e =
        loadFails(
            brokenCopy(
                HUBSPOT,
                "date_formats = [\"yyyy-MM-dd\", \"yyyy-MM-dd HH:mm\"]",
                "date_formats = [epoch_millis]"));
    assertTrue(
        e.problem().contains(".date_formats': 'epoch_millis' is for timestamp_formats only"),
        e.problem());
  }

  @Test
  void aColumnListMustNameColumns() throws IOException {
    FunnelException e =
        loadFails(brokenCopy(SALESFORCE, "country = [CountryCode, Country]", "country = []"));
    assertTrue(
        e.problem().contains("key 'source.entities.Lead.columns.country': the list of columns"),
        e.problem());
  }
}
