package io.funnellake.ingest.mapping;

import java.io.Serializable;
import java.util.Set;

/**
 * Keeps only source rows whose {@code column} holds one of {@code values} (compared trimmed and
 * case-insensitively). Rows it drops are counted as filtered in ops.ingest_log, never silently.
 * Example: Salesforce LeadHistory rows with Field = Status.
 */
public record RowFilter(String column, Set<String> values) implements Serializable {}
