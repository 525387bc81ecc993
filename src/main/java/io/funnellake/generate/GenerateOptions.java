package io.funnellake.generate;

import io.funnellake.errors.Errors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What to generate. Defaults (applied by {@code funnel generate}): seed 42, window 2025-11-01 ..
 * 2026-10-31, daily files, no gzip, defect rate 0.
 *
 * @param leads number of leads (marketing and sales created), at least 1
 * @param seed seed of every random draw; equal options give byte-identical files
 * @param out landing root to write into (local path or Hadoop URI)
 * @param start first day of the window (UTC)
 * @param end last day of the window (UTC); nothing is dated after it
 * @param files period one export file covers
 * @param gzip write {@code .csv.gz} instead of {@code .csv}
 * @param defectRate share of per-lead rows given a defect that ingest must quarantine
 * @param overwrite delete the entity folders already under {@code out} first
 */
public record GenerateOptions(
    long leads,
    long seed,
    String out,
    LocalDate start,
    LocalDate end,
    FilePeriod files,
    boolean gzip,
    double defectRate,
    boolean overwrite) {

  public static final String DEFAULT_START = "2025-11-01";
  public static final String DEFAULT_END = "2026-10-31";

  public GenerateOptions {
    if (leads < 1) {
      throw Errors.badOption("--leads", Long.toString(leads), "a number of leads of at least 1");
    }
    if (out == null || out.isBlank()) {
      throw Errors.badOption("--out", String.valueOf(out), "a folder for the landing files");
    }
    if (end.isBefore(start)) {
      throw Errors.badOption("--end", end.toString(), "a day on or after --start " + start);
    }
    if (!(defectRate >= 0.0 && defectRate <= 0.5)) {
      throw Errors.badOption(
          "--defect-rate", Double.toString(defectRate), "a share between 0 and 0.5, e.g. 0.002");
    }
  }

  /** Options from command-line text, with the same checks as the constructor. */
  public static GenerateOptions parse(
      long leads,
      long seed,
      String out,
      String start,
      String end,
      String files,
      boolean gzip,
      double defectRate,
      boolean overwrite) {
    return new GenerateOptions(
        leads,
        seed,
        out,
        date("--start", start),
        date("--end", end),
        FilePeriod.parse("--files", files),
        gzip,
        defectRate,
        overwrite);
  }

  private static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException | NullPointerException e) {
      throw Errors.badOption(option, String.valueOf(value), "a date as yyyy-MM-dd");
    }
  }
}
