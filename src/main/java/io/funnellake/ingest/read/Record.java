package io.funnellake.ingest.read;

import java.util.List;

/**
 * One logical record of a file: its fields, or why it could not be split.
 *
 * @param rowNumber line number where the record starts (the header is line 1)
 * @param raw the record's text as read
 * @param fields the fields, or null when {@code error} is set
 * @param error null, or why the record is malformed
 */
record Record(long rowNumber, String raw, List<String> fields, String error) {
  static Record ok(long rowNumber, String raw, List<String> fields) {
    return new Record(rowNumber, raw, fields, null);
  }

  static Record bad(long rowNumber, String raw, String error) {
    return new Record(rowNumber, raw, null, error);
  }
}
