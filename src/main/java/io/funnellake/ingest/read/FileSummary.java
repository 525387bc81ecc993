package io.funnellake.ingest.read;

import java.io.Serializable;
import java.util.Map;

/**
 * What reading one file found, computed in the task that read it (over the same bytes as the rows).
 *
 * @param path the file
 * @param bytes bytes read from storage (compressed size for .gz)
 * @param checksum SHA-256 of those bytes
 * @param rows rows emitted (parsed or broken); each becomes accepted or quarantined
 * @param filtered records dropped by the mapping's filter or with nothing to unpivot
 * @param modifiedAt the file's modification time (epoch ms) once read to the end; -1 if unknown
 * @param status {@code ok}, {@code header_error} or {@code read_error}
 * @param message the error, or null
 * @param details structured details of a header error (missing_column, mapping_key, header)
 */
public record FileSummary(
    String path,
    long bytes,
    String checksum,
    long rows,
    long filtered,
    long modifiedAt,
    String status,
    String message,
    Map<String, String> details)
    implements Serializable {

  public static final String OK = "ok";
  public static final String HEADER_ERROR = "header_error";
  public static final String READ_ERROR = "read_error";

  public boolean isOk() {
    return OK.equals(status);
  }
}
