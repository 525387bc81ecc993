package io.funnellake.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.cli.FunnelMain;
import io.funnellake.errors.FunnelException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateOptionsTest {
  private static FunnelException bad(
      long leads, String start, String end, String files, double defectRate) {
    return assertThrows(
        FunnelException.class,
        () ->
            GenerateOptions.parse(
                leads, 42, "/tmp/x", start, end, files, false, defectRate, false));
  }

  @Test
  void unknownFilePeriodNamesTheAcceptedValues() {
    FunnelException e = bad(10, "2025-11-01", "2026-10-31", "year", 0);
    assertEquals("OPTION_INVALID", e.code());
    assertEquals("Option --files has value 'year'.", e.problem());
    assertEquals("Expected one of day, week, month.", e.why());
  }

  @Test
  void zeroOrNegativeLeadsAreRefused() {
    assertEquals(
        "Option --leads has value '0'.", bad(0, "2025-11-01", "2026-10-31", "day", 0).problem());
    assertEquals(
        "Option --leads has value '-5'.", bad(-5, "2025-11-01", "2026-10-31", "day", 0).problem());
  }

  @Test
  void endBeforeStartIsRefused() {
    FunnelException e = bad(10, "2026-01-10", "2026-01-09", "day", 0);
    assertEquals("Option --end has value '2026-01-09'.", e.problem());
    assertEquals("Expected a day on or after --start 2026-01-10.", e.why());
  }

  @Test
  void malformedDatesAndRatesAreRefused() {
    assertEquals(
        "Option --start has value '2025-13-01'.",
        bad(10, "2025-13-01", "2026-10-31", "day", 0).problem());
    assertEquals(
        "Option --defect-rate has value '0.9'.",
        bad(10, "2025-11-01", "2026-10-31", "day", 0.9).problem());
  }

  @Test
  void validOptionsParse() {
    GenerateOptions o =
        GenerateOptions.parse(
            10, 42, "/tmp/x", "2025-11-01", "2025-11-01", " Week ", true, 0.002, false);
    assertEquals(FilePeriod.WEEK, o.files());
    assertEquals(LocalDate.parse("2025-11-01"), o.end());
  }

  @Test
  void theCommandFailsWithTheUserErrorExitCodeBeforeStartingSpark(@TempDir Path out) {
    int code =
        FunnelMain.run(
            "generate", "--leads", "10", "--out", out.toString(), "--files", "fortnight");
    assertEquals(FunnelMain.EXIT_USER_ERROR, code);
    assertTrue(out.toFile().list().length == 0);
  }

  @Test
  void periodsEndOnSundayOrMonthEndClippedToTheWindow() {
    LocalDate end = LocalDate.parse("2026-02-18");
    assertEquals(
        LocalDate.parse("2025-11-02"), FilePeriod.WEEK.lastDay(LocalDate.parse("2025-10-27"), end));
    assertEquals(
        LocalDate.parse("2025-11-02"), FilePeriod.WEEK.lastDay(LocalDate.parse("2025-11-02"), end));
    assertEquals(end, FilePeriod.WEEK.lastDay(LocalDate.parse("2026-02-16"), end));
    assertEquals(
        LocalDate.parse("2026-01-31"),
        FilePeriod.MONTH.lastDay(LocalDate.parse("2026-01-05"), end));
    assertEquals(end, FilePeriod.MONTH.lastDay(LocalDate.parse("2026-02-01"), end));
    assertEquals(
        LocalDate.parse("2026-01-05"), FilePeriod.DAY.lastDay(LocalDate.parse("2026-01-05"), end));
  }
}
