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

  public static FunnelException outputNotEmpty(String out, String folder) {
    return make(
        "OUTPUT_NOT_EMPTY",
        "Output folder " + out + " already holds generated files (" + folder + "/).",
        "Writing into it would mix files of two generated companies.",
        "Choose an empty --out folder, or add --overwrite to replace the entity folders in it.");
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
        "Its size or modification time differs between the landing scan and the end of the read.",
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

  public static FunnelException dimensionKeyCollision(long key, String one, String other) {
    return make(
        "DIMENSION_KEY_COLLISION",
        "Two combinations of lead dimensions share dimension_key "
            + key
            + ": "
            + one
            + " and "
            + other
            + ".",
        "The key is a 64-bit hash of the dimension values; such a clash is very rare, and the"
            + " funnel tables would merge the two combinations.",
        "Set funnel.funnel.dimension_key_seed to another whole number (e.g. --set"
            + " funnel.dimension_key_seed=1) and re-run; the run did not publish.");
  }

  public static FunnelException qualityGateFailed(String runId, List<String> failures) {
    return make(
        "QUALITY_GATE",
        "Run " + runId + " was not published: " + String.join("; ", failures),
        "Error-level quality rules failed on this night's data (ops.quality_results has details).",
        "Fix or complete the input and re-run; or, after review, re-run with --force-publish.");
  }

  public static FunnelException retentionTooShort(double requested, double minimum) {
    return make(
        "RETENTION_TOO_SHORT",
        "VACUUM with a retention of " + requested + " hours was refused.",
        "The configured minimum is "
            + minimum
            + " hours (funnel.maintenance.min_retention_hours);"
            + " shorter retention deletes files that time travel, running queries and the"
            + " published gold versions may still read.",
        "Use --retention-hours "
            + minimum
            + " or more. Lowering the minimum is a deliberate"
            + " config change, not a command-line option.");
  }

  // ---- JDBC server ---------------------------------------------------------------------------

  public static FunnelException serveNeedsCredentials(String host) {
    return make(
        "SERVE_AUTH_REQUIRED",
        "The JDBC server would listen on " + host + " without authentication.",
        "Only a loopback address (127.0.0.1, localhost, ::1) may be served without credentials;"
            + " any other address is reachable from the network.",
        "Create a credential store with ./funnel serve --hash-password USER >> FILE and set"
            + " funnel.serve.credentials (or FUNNEL_SERVE_CREDENTIALS) to FILE, or bind"
            + " funnel.serve.host to 127.0.0.1.");
  }

  public static FunnelException credentialStoreMissing(String path) {
    return make(
        "CREDENTIALS_MISSING",
        "Credential store " + path + " does not exist.",
        "funnel.serve.credentials names it; logins cannot be checked without it.",
        "Create it with ./funnel serve --hash-password USER >> " + path + ", or correct the key.");
  }

  public static FunnelException credentialStoreInvalid(String path, int line, String detail) {
    return make(
        "CREDENTIALS_INVALID",
        "Credential store " + path + ", line " + line + ": " + detail,
        "Each line must be USER:pbkdf2-sha256:ITERATIONS:SALT:HASH (Base64), as written by"
            + " ./funnel serve --hash-password; plain-text passwords are never accepted.",
        "Replace the line with the output of ./funnel serve --hash-password USER.");
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

  public static FunnelException pathTooLong(long limit, String key) {
    return make(
        "ATTRIBUTION_PATH_TOO_LONG",
        "A closed opportunity has more than " + limit + " touches in its channel path.",
        "Markov, Shapley and leave-one-out bring the distinct paths to the driver; '"
            + key
            + "' caps the length of each so the driver cannot run out of memory.",
        "Raise '"
            + key
            + "' if the driver has the memory, or shorten paths (collapse_window_hours,"
            + " lookback_days, excluded_campaign_types), or leave markov, shapley and"
            + " leave_one_out out of funnel.attribution.models.");
  }

  public static FunnelException tooManyAccountPairs(
      long pairs, long cap, String key, List<String> largest) {
    return make(
        "ATTRIBUTION_TOO_MANY_ACCOUNT_PAIRS",
        String.format(
                "Account matching would pair %,d opportunity x lead combinations, more than '%s'"
                    + " (%,d). Largest accounts (opportunities x live leads): ",
                pairs, key, cap)
            + String.join(", ", largest)
            + ".",
        "funnel.attribution.matching = account gives every opportunity every live lead of its"
            + " account, before the touch windows apply; very large accounts multiply that. '"
            + key
            + "' caps the pairs so a night cannot run for hours and spill to disk instead.",
        "Use funnel.attribution.matching = contact_roles (people on the opportunity), or raise '"
            + key
            + "' if the cluster can take that many rows; the run did not publish.");
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

  // ---- scoring variants, backtests and experiments (issue 5) ---------------------------------

  public static FunnelException variantInvalid(String file, String rule, String detail) {
    return make(
        "VARIANT_INVALID",
        "Scoring variant " + file + ", rule '" + rule + "': " + detail,
        "A variant is data: every rule, threshold and band must be valid before anything is"
            + " scored (docs/scoring.md describes the format).",
        "Edit '" + rule + "' in " + file + ".");
  }

  public static FunnelException variantNotFound(String id, String dir, Collection<String> known) {
    return make(
        "VARIANT_NOT_FOUND",
        "No scoring variant with id '" + id + "' in " + dir + ".",
        "The variants found there are " + known + ".",
        "Use one of those ids, add a file with `variant { id = "
            + id
            + " ... }` to "
            + dir
            + ", or pass the file with --variant-file.");
  }

  public static FunnelException variantDuplicate(String id, String file1, String file2) {
    return make(
        "VARIANT_DUPLICATE",
        "Scoring variant id '" + id + "' is defined in both " + file1 + " and " + file2 + ".",
        "Experiments and nightly scores are keyed by variant id, so ids must be unique.",
        "Rename the id in one of the files.");
  }

  public static FunnelException backtestInvalid(String option, String value, String detail) {
    return make(
        "BACKTEST_INVALID",
        "Backtest option " + option + " = '" + value + "': " + detail,
        "The backtest cannot define its cohort, decision time or outcome with this value.",
        "Correct " + option + " (see ./funnel backtest --help and docs/scoring.md).");
  }

  public static FunnelException backtestEmpty(String experimentId, String detail) {
    return make(
        "BACKTEST_EMPTY",
        "Backtest " + experimentId + " has no labelled leads: " + detail,
        "Every metric needs leads whose outcome window closed inside the date range.",
        "Widen --from/--to, shorten --outcome-window, or check that the lakehouse has leads and"
            + " silver.int_lead_stage_events.");
  }

  public static FunnelException modelNotTrainable(String detail) {
    return make(
        "MODEL_NOT_TRAINABLE",
        "The learned challenger cannot be trained: " + detail,
        "Logistic regression needs labelled leads of both classes before the training cutoff.",
        "Move --train-cutoff later or --from earlier, or leave out --train-model.");
  }

  public static FunnelException experimentNotFound(String experimentId, String table) {
    return make(
        "EXPERIMENT_NOT_FOUND",
        "No published experiment '" + experimentId + "' in " + table + ".",
        "--from-experiment re-runs an experiment from the input versions it recorded.",
        "List experiments with ./funnel sql \"SELECT experiment_id, created_at FROM "
            + table
            + "\" and pass one of them.");
  }

  public static FunnelException experimentInputGone(
      String experimentId, String table, long version, Throwable t) {
    return make(
        "EXPERIMENT_INPUT_GONE",
        "Experiment "
            + experimentId
            + " read "
            + table
            + " at version "
            + version
            + ", which can no longer be read.",
        "Time travel needs the version's files; VACUUM removes them after the retention period"
            + " (delta.deletedFileRetentionDuration).",
        "Raise the retention of the silver tables to cover how long experiments must stay"
            + " reproducible; this experiment can only be re-run as a new backtest.",
        t);
  }

  // ---- benchmark ----------------------------------------------------------------------------

  public static FunnelException benchMismatch(
      String table, long rows, long onlyOurs, long onlyPeer, String peerFile) {
    return make(
        "BENCH_PEER_MISMATCH",
        "The DuckDB peer's "
            + table
            + " differs from ours ("
            + rows
            + " rows; "
            + onlyOurs
            + " only in ours, "
            + onlyPeer
            + " only in DuckDB's).",
        "The peer query in io.funnellake.bench.PeerTables no longer matches the mart's"
            + " definition, or the mart changed.",
        "Compare "
            + peerFile
            + " with the mart's output and bring the peer query in line with"
            + " the definition in docs/data-dictionary.md.");
  }

  // ---- report -------------------------------------------------------------------------------

  public static FunnelException reportUnwritable(String path, Throwable t) {
    return make(
        "REPORT_UNWRITABLE",
        "The HTML report could not be written to " + path + ".",
        String.valueOf(t.getMessage()),
        "Check that the folder exists and is writable, or pass another file with"
            + " `funnel report --out FILE`; the gold tables were published either way.",
        t);
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
