package io.funnellake.quality;

/** Severity of a quality rule: errors block publishing, warnings publish and report. */
public enum Level {
  ERROR,
  WARNING
}
