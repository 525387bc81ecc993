package io.funnellake.ingest.mapping;

import java.io.Serializable;
import java.util.Map;

/**
 * Turns one wide source row into several canonical rows: each non-empty column of {@code columns}
 * gives a row whose {@code valueField} is the cell and whose {@code labelField} is the label.
 * Example: HubSpot's "Became a ... Date" columns become lead status history rows.
 */
public record Unpivot(String valueField, String labelField, Map<String, String> columns)
    implements Serializable {}
