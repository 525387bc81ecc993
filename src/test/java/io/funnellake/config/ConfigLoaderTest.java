package io.funnellake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;

  @Test
  void commandLineOverridesProfileWhichOverridesDefaults() throws Exception {
    Path profile = tmp.resolve("p.conf");
    Files.writeString(
        profile,
        "funnel { home = \""
            + tmp
            + "\", lakehouse = \"lh\", reporting_time_zone = \"Europe/Berlin\","
            + " ingest.changed_files = skip }");
    FunnelConfig c =
        ConfigLoader.load(
            profile.toString(),
            Map.of("ingest.changed_files", "reingest", "run_date", "2025-11-04"));
    assertEquals(IngestSettings.ChangedFiles.REINGEST, c.ingest().changedFiles());
    assertEquals("Europe/Berlin", c.reportingZone().getId());
    assertEquals(tmp.resolve("lh").toString(), c.lakehouse(), "relative to home");
    assertEquals(LocalDate.parse("2025-11-04"), c.runDate());
    assertEquals(100, c.ingest().maxRecordLines(), "built-in default");
    assertEquals("s3a://bucket/lake", FunnelConfig.resolve("/home", "s3a://bucket/lake"));
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () -> ConfigLoader.load(null, Map.of("ingest.changed_files", "ignore")));
    assertTrue(
        e.problem().startsWith("Config key 'funnel.ingest.changed_files' has value 'ignore'"),
        e.problem());
    assertTrue(e.why().contains("[fail, reingest, skip]"), e.why());

    FunnelException tz =
        assertThrows(
            FunnelException.class,
            () -> ConfigLoader.load(null, Map.of("reporting_time_zone", "Mars/Base")));
    assertTrue(
        tz.problem().startsWith("Config key 'funnel.reporting_time_zone' is invalid"),
        tz.problem());

    FunnelException date =
        assertThrows(
            FunnelException.class, () -> ConfigLoader.load(null, Map.of("run_date", "2025-13-01")));
    assertTrue(date.why().contains("Expected yyyy-MM-dd"), date.why());

    FunnelException missing =
        assertThrows(
            FunnelException.class,
            () -> ConfigLoader.load(tmp.resolve("nope.conf").toString(), Map.of()));
    assertEquals("CONFIG_FILE_MISSING", missing.code());
  }

  @Test
  void stagesMustBeDistinctAndTheWonStageOrdered() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () -> ConfigLoader.load(null, Map.of("stages.lead.order", "[lead, mql, mql]")));
    assertTrue(e.why().contains("Stage 'mql' is listed twice"), e.why());
    FunnelException won =
        assertThrows(
            FunnelException.class,
            () -> ConfigLoader.load(null, Map.of("stages.opportunity.won", "signed")));
    assertTrue(won.why().contains("'signed' is not in opportunity.order"), won.why());
  }
}
