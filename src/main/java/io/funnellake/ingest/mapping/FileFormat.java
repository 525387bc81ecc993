package io.funnellake.ingest.mapping;

/** Landing file formats. Either may be gzip-compressed (name ending in .gz). */
public enum FileFormat {
  /** Delimited text with a header line (RFC 4180 quoting; quoted fields may span lines). */
  CSV,
  /** One JSON object per line; nested fields are addressed with dotted paths. */
  JSONL
}
