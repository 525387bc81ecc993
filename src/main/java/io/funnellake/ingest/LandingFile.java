package io.funnellake.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A file found in the landing folder.
 *
 * @param path full path or URI
 * @param size bytes
 * @param modifiedAt modification time reported by the file system
 * @param fileDate date from a {@code yyyy-MM-dd} or {@code dt=yyyy-MM-dd} part of its path, else
 *     null
 */
public record LandingFile(String path, long size, Instant modifiedAt, LocalDate fileDate) {}
