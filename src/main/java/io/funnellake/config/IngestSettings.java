package io.funnellake.config;

/** {@code funnel.ingest}: how landing files are read and what happens to problem files. */
public record IngestSettings(
    ChangedFiles changedFiles,
    FileErrors fileErrors,
    int maxRecordLines,
    int maxFieldChars,
    int readPartitions) {

  /** What to do with a file that was ingested before and has changed under the same name. */
  public enum ChangedFiles {
    FAIL,
    REINGEST,
    SKIP
  }

  /** What to do with a file that cannot be read completely. */
  public enum FileErrors {
    FAIL,
    SKIP
  }

  static IngestSettings parse(Settings s) {
    return new IngestSettings(
        s.enumValue("changed_files", ChangedFiles.class),
        s.enumValue("file_errors", FileErrors.class),
        s.integer("max_record_lines"),
        s.integer("max_field_chars"),
        s.integer("read_partitions"));
  }

  public IngestSettings withChangedFiles(ChangedFiles v) {
    return new IngestSettings(v, fileErrors, maxRecordLines, maxFieldChars, readPartitions);
  }
}
