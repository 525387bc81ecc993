package io.funnellake.config;

import io.funnellake.errors.Errors;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The typed configuration of a run: everything under {@code funnel.*}. Later parts of the pipeline
 * parse their own sections with {@link #section(String)} into their own typed records.
 *
 * @param settings the whole {@code funnel} section, for sections parsed elsewhere
 * @param home base folder for relative paths
 * @param lakehouse lakehouse root URI or absolute path
 * @param landing landing root URI or absolute path
 * @param runDate business date of the run
 * @param reportingZone zone in which weeks, months and quarters are cut
 * @param reportingCurrency ISO currency amounts are converted into
 * @param sources absolute source mapping files
 */
public record FunnelConfig(
    Settings settings,
    String home,
    String lakehouse,
    String landing,
    LocalDate runDate,
    ZoneId reportingZone,
    String reportingCurrency,
    List<String> sources,
    SparkSettings spark,
    IngestSettings ingest,
    PseudonymSettings pseudonym,
    ConformSettings conform,
    StageSettings stages) {

  static FunnelConfig parse(Settings s) {
    String home = Path.of(s.string("home")).toAbsolutePath().normalize().toString();
    ZoneId zone;
    try {
      zone = ZoneId.of(s.string("reporting_time_zone"));
    } catch (DateTimeException e) {
      throw Errors.badConfig(
          s.path("reporting_time_zone"),
          s.origin("reporting_time_zone"),
          "Not a time zone id: " + e.getMessage() + " (use e.g. UTC or Europe/Berlin).",
          e);
    }
    String runDateText = s.string("run_date").trim();
    LocalDate runDate;
    try {
      runDate = runDateText.isEmpty() ? LocalDate.now(zone) : LocalDate.parse(runDateText);
    } catch (DateTimeParseException e) {
      throw Errors.badConfig(
          s.path("run_date"), s.origin("run_date"), "Expected yyyy-MM-dd, got " + runDateText, e);
    }
    return new FunnelConfig(
        s,
        home,
        resolve(home, s.string("lakehouse")),
        resolve(home, s.string("landing")),
        runDate,
        zone,
        s.string("reporting_currency").toUpperCase(),
        s.strings("sources").stream().map(p -> resolve(home, p)).toList(),
        SparkSettings.parse(s.section("spark")),
        IngestSettings.parse(s.section("ingest")),
        PseudonymSettings.parse(s.section("pseudonym")),
        ConformSettings.parse(s.section("conform")),
        StageSettings.parse(s.section("stages")));
  }

  /** A section under {@code funnel}, e.g. {@code section("attribution")}. */
  public Settings section(String key) {
    return settings.section(key);
  }

  /** Resolves a config path: URIs with a scheme and absolute paths as given, others under home. */
  public String resolvePath(String path) {
    return resolve(home, path);
  }

  static String resolve(String home, String path) {
    if (hasScheme(path) || Path.of(path).isAbsolute()) {
      return path;
    }
    return Path.of(home).resolve(path).normalize().toString();
  }

  private static boolean hasScheme(String path) {
    try {
      String scheme = URI.create(path.replace(" ", "%20")).getScheme();
      return scheme != null && scheme.length() > 1; // "C:" style drive letters are not schemes
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
