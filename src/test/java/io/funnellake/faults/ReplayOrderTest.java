package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.generate.FilePeriod;
import io.funnellake.ingest.FileStatus;
import io.funnellake.ingest.Ingest;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.testing.LakehouseState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights run again, out of order, with late files and as a backfill end exactly where a fresh
 * lakehouse ends that loads every file in one run: same silver and gold, same rows per file in
 * bronze, same ingest log accounting and quarantine. Data: a small generated company with daily
 * exports over six days (a few entities, for speed), with defects so quarantine is exercised.
 */
class ReplayOrderTest {
  static final List<String> ENTITIES =
      List.of(
          "leads",
          "lead_status_history",
          "campaign_responses",
          "opportunities",
          "opportunity_stage_history");

  /**
   * The foundation mart and the incremental intermediates: a night that continues them must end
   * where the fresh lakehouse's full build ends (silver is compared table by table).
   */
  static final String MARTS =
      "[daily_leads_by_source_stage, int_lead_stage_events, int_lead_exits,"
          + " int_opportunity_stage_events]";

  @TempDir static Path shared;
  static Path source;
  static List<String> days;

  @TempDir Path tmp;

  @BeforeAll
  static void generate() throws IOException {
    source = shared.resolve("generated");
    FaultRuns.generate(source, 90, 23, "2025-11-01", "2025-11-06", FilePeriod.DAY, 0.03);
    try (Stream<Path> folders = Files.list(source)) {
      for (Path f : folders.toList()) {
        if (!ENTITIES.contains(f.getFileName().toString())) {
          FaultRuns.deleteTree(f);
        }
      }
    }
    days = FaultRuns.landingDates(source);
    assertEquals(
        List.of("2025-11-01", "2025-11-02", "2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06"),
        days);
  }

  private NightlySummary night(Path lakehouse, Path landing, String runDate) {
    return night(lakehouse, landing, runDate, Ingest.Options.NONE);
  }

  private NightlySummary night(
      Path lakehouse, Path landing, String runDate, Ingest.Options reprocess) {
    return FaultRuns.nightly(
        lakehouse,
        landing.toString(),
        runDate,
        new NightlyOptions(reprocess, false, false),
        "quality.rules",
        FaultRuns.RULES_WITHOUT_VOLUME,
        "marts.only",
        MARTS);
  }

  private LakehouseState recompute(Path landing, String runDate) {
    night(tmp.resolve("fresh"), landing, runDate);
    return LakehouseState.capture(FaultRuns.lakehouse(tmp.resolve("fresh")));
  }

  /** The data layers only (a run with an earlier run date may publish gold as of that date). */
  private static LakehouseState data(LakehouseState s) {
    return new LakehouseState(s.silver(), Map.of(), s.bronzeRows(), s.ingestLog(), s.quarantine());
  }

  @Test
  void nightsRunTwiceAndOutOfOrderEndAsAFullRecompute() {
    Path landing = tmp.resolve("landing");
    Path lh = tmp.resolve("lakehouse");
    Lakehouse lakehouse = FaultRuns.lakehouse(lh);
    FaultRuns.copyLanding(source, landing, "2025-11-02");
    night(lh, landing, "2025-11-02");

    // the scheduler missed the 3rd: the 4th runs first, then someone runs the 3rd
    FaultRuns.copyLanding(source, landing, "2025-11-04");
    NightlySummary fourth = night(lh, landing, "2025-11-04");
    assertTrue(
        fourth.ingest().entries().stream().anyMatch(e -> e.file().path().contains("/2025-11-03/")),
        "the 4th loads the 3rd's files too");
    LakehouseState afterFourth = LakehouseState.capture(lakehouse);
    NightlySummary third = night(lh, landing, "2025-11-03");
    assertEquals(List.of(), third.ingest().counts(), "the 3rd's files were loaded by the 4th");
    data(afterFourth).assertSameAs(data(LakehouseState.capture(lakehouse)), "after the late 3rd");
    // and the same night twice
    NightlySummary again = night(lh, landing, "2025-11-04");
    assertEquals(List.of(), again.ingest().counts());
    afterFourth.assertSameAs(LakehouseState.capture(lakehouse), "4th run twice");

    FaultRuns.copyLanding(source, landing, "2025-11-06");
    night(lh, landing, "2025-11-06");
    for (String t : List.of("int_lead_stage_events", "int_opportunity_stage_events")) {
      String commit = lakehouse.lastCommitMetadata(Lakehouse.SILVER, t);
      assertTrue(commit.contains(" mode=incremental "), t + " continued, not rebuilt: " + commit);
    }
    recompute(landing, "2025-11-06")
        .assertSameAs(LakehouseState.capture(lakehouse), "out of order and twice vs recompute");
  }

  @Test
  void aLateFileForAnEarlierDayEndsAsAFullRecompute() throws IOException {
    Path landing = FaultRuns.copyLanding(source, tmp.resolve("landing"), "2025-11-04");
    // half of the 3rd's leads and history arrive only after the 4th was loaded
    List<Path> late = new ArrayList<>();
    for (String entity : List.of("leads", "lead_status_history")) {
      Path dir = landing.resolve(entity + "/2025-11-03");
      Path file;
      try (Stream<Path> files = Files.list(dir)) {
        file = files.findFirst().orElseThrow();
      }
      List<String> lines = Files.readAllLines(file);
      List<String> kept = new ArrayList<>(List.of(lines.get(0)));
      List<String> withheld = new ArrayList<>(List.of(lines.get(0)));
      for (int i = 1; i < lines.size(); i++) {
        (i % 2 == 0 ? withheld : kept).add(lines.get(i));
      }
      assertTrue(withheld.size() > 3, entity + " has rows to withhold");
      Files.write(file, kept);
      late.add(Files.write(tmp.resolve(entity + "-late.csv"), withheld));
    }
    Path lh = tmp.resolve("lakehouse");
    night(lh, landing, "2025-11-04");
    for (Path f : late) {
      String entity = f.getFileName().toString().replace("-late.csv", "");
      Files.copy(f, landing.resolve(entity + "/2025-11-03/late-" + entity + ".csv"));
    }
    FaultRuns.copyLanding(source, landing, "2025-11-04", "2025-11-05");
    NightlySummary fifth = night(lh, landing, "2025-11-05");
    assertEquals(
        2,
        fifth.ingest().entries().stream()
            .filter(e -> e.file().path().contains("/late-"))
            .filter(e -> e.status() == FileStatus.INGESTED)
            .count(),
        "both late files loaded");
    recompute(landing, "2025-11-05")
        .assertSameAs(LakehouseState.capture(FaultRuns.lakehouse(lh)), "late file vs recompute");
  }

  @Test
  void aBackfillOfCorrectedPastDaysEndsAsAFullRecomputeOfTheCorrectedFiles() throws IOException {
    Path landing = FaultRuns.copyLanding(source, tmp.resolve("landing"), "2025-11-06");
    Path lh = tmp.resolve("lakehouse");
    night(lh, landing, "2025-11-06");

    // the source re-delivers the 3rd and 4th with corrected industries, same names and versions
    int corrections = 0;
    for (String rel : FaultRuns.filesDated(landing, "2025-11-03", "2025-11-04")) {
      if (rel.startsWith("leads/")) {
        Path file = landing.resolve(rel);
        String text = Files.readString(file);
        String fixed = text.replace(",Software,", ",Software (corrected),");
        corrections += fixed.equals(text) ? 0 : 1;
        Files.writeString(file, fixed);
      }
    }
    assertTrue(corrections > 0, "some lead of the two days is in software");
    NightlySummary backfill =
        night(
            lh,
            landing,
            "2025-11-06",
            new Ingest.Options(LocalDate.parse("2025-11-03"), LocalDate.parse("2025-11-04")));
    long reread = backfill.ingest().counts().stream().mapToLong(Ingest.MappingCounts::files).sum();
    int backfilledFiles = FaultRuns.filesDated(landing, "2025-11-03", "2025-11-04").size();
    assertEquals(backfilledFiles, reread, "every file of the two days, once");

    LakehouseState expected = recompute(landing, "2025-11-06");
    LakehouseState actual = LakehouseState.capture(FaultRuns.lakehouse(lh));
    new LakehouseState(expected.silver(), expected.gold(), Map.of(), List.of(), List.of())
        .assertSameAs(
            new LakehouseState(actual.silver(), actual.gold(), Map.of(), List.of(), List.of()),
            "silver and gold after the backfill vs recompute");
    assertTrue(
        actual.silver().get("leads").stream().anyMatch(r -> r.contains("Software (corrected)")));
    // bronze and the logs keep both reads of the backfilled days and nothing else twice
    Map<String, Map<String, Long>> twice = new TreeMap<>();
    expected
        .bronzeRows()
        .forEach(
            (t, perFile) -> {
              Map<String, Long> m = new TreeMap<>();
              perFile.forEach((f, n) -> m.put(f, backfilled(f) ? 2 * n : n));
              twice.put(t, m);
            });
    assertEquals(twice, actual.bronzeRows());
    assertOnlyBackfilledExtras(expected.ingestLog(), actual.ingestLog(), backfilledFiles);
    assertOnlyBackfilledExtras(expected.quarantine(), actual.quarantine(), -1);
  }

  private static boolean backfilled(String path) {
    return path.contains("/2025-11-03/") || path.contains("/2025-11-04/");
  }

  /** {@code actual} holds every row of {@code expected}; its other rows are of backfilled days. */
  private static void assertOnlyBackfilledExtras(
      List<String> expected, List<String> actual, int extras) {
    List<String> extra = new ArrayList<>(actual);
    for (String row : expected) {
      assertTrue(extra.remove(row), "missing " + row);
    }
    assertTrue(extra.stream().allMatch(ReplayOrderTest::backfilled), extra.toString());
    if (extras >= 0) {
      assertEquals(extras, extra.size(), extra.toString());
    }
  }
}
