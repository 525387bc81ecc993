package io.funnellake.ingest;

/** Status of a file in ops.ingest_log. */
public enum FileStatus {
  /** Rows read and loaded. */
  INGESTED,
  /** An empty file (no header): recorded, nothing to load. */
  EMPTY,
  /** Could not be read completely; nothing loaded; retried next run (file_errors = skip). */
  FAILED,
  /** Changed since it was ingested; left as loaded (changed_files = skip). */
  CHANGED_SKIPPED,
  /** Same content as a file ingested before under another name; not loaded twice. */
  DUPLICATE;

  public String value() {
    return name().toLowerCase();
  }
}
