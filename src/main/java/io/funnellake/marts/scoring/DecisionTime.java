package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.expr;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * When a lead is scored in a backtest (t0): {@code created[+N(h|d)]}, the lead's creation plus an
 * offset, or {@code stage:<stage>[+N(h|d)]}, the first time it reached a stage (occurrence 1 of
 * silver.int_lead_stage_events, back-populated for skipped stages) plus an offset.
 *
 * @param stage null for creation, else the anchoring stage
 * @param offsetHours hours added to the anchor (0 or more)
 */
public record DecisionTime(String stage, long offsetHours) {
  private static final Pattern FORM =
      Pattern.compile("(created|stage:([a-z][a-z0-9_]*))(?:\\+(\\d+)([hd]))?");

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static DecisionTime parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected created[+N(h|d)] or stage:<stage>[+N(h|d)], e.g. created+24h or stage:mql");
    }
    long n = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    long hours = "d".equals(m.group(4)) ? n * 24 : n;
    return new DecisionTime(m.group(2), hours);
  }

  public boolean anchoredOnStage() {
    return stage != null;
  }

  /** t0 from an anchor timestamp column (created_at, or the stage's entered_at). */
  public Column from(Column anchor) {
    return offsetHours == 0 ? anchor : anchor.plus(expr("INTERVAL " + offsetHours + " HOURS"));
  }

  /** Canonical text, e.g. {@code created+24h}, {@code stage:mql}. */
  @Override
  public String toString() {
    String base = stage == null ? "created" : "stage:" + stage;
    return offsetHours == 0 ? base : base + "+" + offsetHours + "h";
  }
}
