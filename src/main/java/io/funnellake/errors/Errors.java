package io.funnellake.errors;

import java.util.Collection;
import java.util.List;

/**
 * The one factory of user-facing errors. Each method names what failed (file, row, table or config
 * key), why, and what to change. Keep messages here so wording stays consistent and testable.
 */
public final class Errors {
  private Errors() {}

  private static FunnelException make(String code, String problem, String why, String fix) {
    return new FunnelException(code, problem, why, fix, null);
  }

  private static FunnelException make(
      String code, String problem, String why, String fix, Throwable cause) {
    return new FunnelException(code, problem, why, fix, cause);
  }

  // ---- configuration -------------------------------------------------------------------------

  public static FunnelException configFileMissing(String path) {
    return make(
        "CONFIG_FILE_MISSING",
        "Config file " + path + " does not exist.",
        "The path given with --config (or the default conf/local.conf) was not found.",
        "Pass an existing file with --config, e.g. --config conf/local.conf.");
  }

  public static FunnelException badConfig(String key, String origin, String detail, Throwable t) {
    return make(
        "CONFIG_INVALID",
        "Config key '" + key + "' is invalid" + (origin == null ? "" : " (" + origin + ")") + ".",
        detail,
        "Correct '" + key + "' in the config file or override it with --set " + key + "=...",
        t);
  }

  public static FunnelException badConfigValue(
      String key, String origin, Object value, Collection<String> allowed) {
    return make(
        "CONFIG_INVALID",
        "Config key '" + key + "' has value '" + value + "'" + where(origin) + ".",
        "Allowed values are " + allowed + ".",
        "Set '" + key + "' to one of " + allowed + ".");
  }

  public static FunnelException badOption(String option, String value, String expected) {
    return make(
        "OPTION_INVALID",
        "Option " + option + " has value '" + value + "'.",
        "Expected " + expected + ".",
        "Run the subcommand with --help for the accepted forms.");
  }

  public static FunnelException missingSecret(String key, String envVar) {
    return make(
        "SECRET_MISSING",
        "No value for '" + key + "'.",
        "This profile does not allow a generated development key.",
        "Export " + envVar + " (at least 32 characters) before the run, or set '" + key + "'.");
  }

  public static FunnelException pseudonymKeyChanged(String lakehouse, String expected, String got) {
    return make(
        "PSEUDONYM_KEY_CHANGED",
        "The pseudonymisation key differs from the one the lakehouse "
            + lakehouse
            + " was built with"
            + " (key id "
            + got
            + ", lakehouse uses "
            + expected
            + ").",
        "Pseudonyms made with another key would not join with the existing silver and gold rows.",
        "Use the original key (FUNNEL_PSEUDONYM_KEY), or rebuild everything with --full-refresh.");
  }

  // ---- source mappings -----------------------------------------------------------------------

  public static FunnelException mappingInvalid(String mappingFile, String key, String detail) {
    return make(
        "MAPPING_INVALID",
        "Source mapping " + mappingFile + ", key '" + key + "': " + detail,
        "The mapping does not match the data contract (docs/data-contract.md).",
        "Edit '" + key + "' in " + mappingFile + ".");
  }

  public static FunnelException missingColumn(
      String file, String column, String mappingFile, String mappingKey, List<String> header) {
    return make(
        "MAPPING_MISSING_COLUMN",
        "File " + file + " has no column '" + column + "'.",
        "Mapping "
            + mappingFile
            + " maps '"
            + mappingKey
            + "' to it; the header is "
            + header
            + ".",
        "Change '"
            + mappingKey
            + "' in "
            + mappingFile
            + " to one of the header's columns, or fix"
            + " the export so it has the column.");
  }

  public static FunnelException duplicateHeaderColumn(String file, String column) {
    return make(
        "FILE_DUPLICATE_COLUMN",
        "File " + file + " has the column '" + column + "' more than once in its header.",
        "A mapped column must be unambiguous.",
        "Fix the export so each column name appears once, then re-run.");
  }

  public static FunnelException unknownValues(
      String entity,
      String field,
      List<String> examples,
      String mappingFile,
      String mappingKey,
      Collection<String> allowed) {
    return make(
        "MAPPING_UNKNOWN_VALUE",
        "Unknown " + field + " value(s) for " + entity + ": " + String.join("; ", examples) + ".",
        "The values are neither canonical (" + allowed + ") nor mapped in " + mappingFile + ".",
        "Add them under '"
            + mappingKey
            + "' in "
            + mappingFile
            + " (raw value = canonical value),"
            + " or set unknown_values = quarantine to quarantine such rows instead.");
  }

  // ---- landing and files ---------------------------------------------------------------------

  public static FunnelException landingMissing(String path) {
    return make(
        "LANDING_MISSING",
        "Landing folder " + path + " does not exist.",
        "Nothing can be ingested without it.",
        "Create it, or point --landing (funnel.landing) at the folder the exports are written to.");
  }

  public static FunnelException requiredFolderMissing(String path, String mappingFile, String key) {
    return make(
        "LANDING_FOLDER_MISSING",
        "Landing folder " + path + " for a required entity does not exist.",
        "Mapping " + mappingFile + " marks '" + key + "' as required.",
        "Deliver the export into " + path + ", or set " + key + ".required = false.");
  }

  public static FunnelException changedFile(String path, String oldChecksum, String newChecksum) {
    return make(
        "FILE_CHANGED",
        "File "
            + path
            + " was ingested before and has changed since (checksum "
            + oldChecksum
            + " -> "
            + newChecksum
            + ").",
        "Re-reading it could double-count rows; skipping it would hide the change.",
        "Deliver corrections under a new file name, or re-run with --changed-files reingest (apply"
            + " the new content) or --changed-files skip (keep what was loaded).");
  }

  public static FunnelException fileUnreadable(String path, String detail, Throwable t) {
    return make(
        "FILE_UNREADABLE",
        "File " + path + " could not be read completely: " + detail,
        "A partial load would lose rows silently, so nothing from this file was loaded.",
        "Re-deliver the file (complete), or re-run with --file-errors skip to load the other files"
            + " and retry this one next run.",
        t);
  }

  public static FunnelException fileChangedWhileReading(String path) {
    return make(
        "FILE_CHANGED_WHILE_READING",
        "File " + path + " changed while it was being read.",
        "Its size or content differs between the landing scan and the read.",
        "Make the export write to a temporary name and rename when complete; then re-run.");
  }

  public static FunnelException accountingMismatch(
      String file, String mapping, long read, long accepted, long quarantined, long filtered) {
    return make(
        "ROW_ACCOUNTING_MISMATCH",
        "File "
            + file
            + " ("
            + mapping
            + "): "
            + read
            + " rows read but "
            + accepted
            + " accepted + "
            + quarantined
            + " quarantined + "
            + filtered
            + " filtered.",
        "A transform lost or duplicated rows; publishing would be wrong.",
        "Report this as a bug with the file; nothing from this run was published.");
  }

  // ---- tables, quality and publishing --------------------------------------------------------

  public static FunnelException tableMissing(String table, String path) {
    return make(
        "TABLE_MISSING",
        "Table " + table + " does not exist at " + path + ".",
        "It is written by an earlier step that has not run on this lakehouse.",
        "Run ./funnel nightly first, or check --lakehouse.");
  }

  public static FunnelException missingColumns(
      String transform, Collection<String> missing, Collection<String> present) {
    return make(
        "TRANSFORM_INPUT",
        "Transform " + transform + " lacks input column(s) " + missing + ".",
        "Its input has " + present + ".",
        "Pass the table the transform documents as its input.");
  }

  public static FunnelException grainViolation(String table, List<String> grain, String example) {
    return make(
        "GRAIN_VIOLATION",
        "Gold table " + table + " is not unique on its grain " + grain + ", e.g. " + example + ".",
        "A join fanned rows out, or a grain column is null.",
        "Fix the mart; the run did not publish.");
  }

  public static FunnelException qualityGateFailed(String runId, List<String> failures) {
    return make(
        "QUALITY_GATE",
        "Run " + runId + " was not published: " + String.join("; ", failures),
        "Error-level quality rules failed on this night's data (ops.quality_results has details).",
        "Fix or complete the input and re-run; or, after review, re-run with --force-publish.");
  }

  public static FunnelException injectedFailure(String point) {
    return make(
        "INJECTED_FAILURE",
        "Failure injected at '" + point + "'.",
        "FUNNEL_FAIL_AT was set (used by tests).",
        "Unset FUNNEL_FAIL_AT.");
  }

  // ---- attribution ---------------------------------------------------------------------------

  public static FunnelException tooManyPaths(long limit, String key) {
    return make(
        "ATTRIBUTION_TOO_MANY_PATHS",
        "More than " + limit + " distinct channel paths among closed opportunities.",
        "Markov, Shapley and leave-one-out bring the distinct paths (with their conversion counts)"
            + " to the driver; '"
            + key
            + "' caps them so the driver cannot run out of memory.",
        "Raise '"
            + key
            + "' if the driver has the memory, or shorten paths (collapse_window_hours,"
            + " lookback_days), or leave markov, shapley and leave_one_out out of"
            + " funnel.attribution.models.");
  }

  public static FunnelException tooManyShapleyChannels(
      int channels, int limit, String key, int ceiling) {
    return make(
        "ATTRIBUTION_TOO_MANY_CHANNELS",
        "Exact Shapley values over "
            + channels
            + " channels exceed the limit of "
            + limit
            + " ('"
            + key
            + "').",
        "Exact Shapley evaluates every subset of the channels in converting journeys (2^"
            + channels
            + " subsets).",
        "Raise '"
            + key
            + "' (at most "
            + ceiling
            + "), map rare channels onto fewer channels in the source mappings, or leave"
            + " shapley out of funnel.attribution.models.");
  }

  // ---- content, completeness, goals, scorecard (issue 9) -------------------------------------

  public static FunnelException targetsInvalid(String file, int line, String detail, String fix) {
    return make(
        "TARGETS_INVALID",
        "Targets file " + file + " line " + line + " is invalid.",
        detail,
        fix + " (format: docs/data-dictionary.md, \"Targets file\").");
  }

  public static FunnelException targetsFileMissing(String file, String key) {
    return make(
        "TARGETS_FILE_MISSING",
        "Targets file " + file + " does not exist.",
        "'" + key + "' names it.",
        "Create the file, or set '" + key + "' to \"\" to publish actuals without targets.");
  }

  private static String where(String origin) {
    return origin == null ? "" : " (" + origin + ")";
  }
}
