package io.funnellake.generate;

import io.funnellake.errors.Errors;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How much time one export file covers. A file is named after the last day of its period (weeks end
 * on Sunday), clipped to the generated window so that no file is dated after {@code --end}.
 */
public enum FilePeriod {
  DAY,
  WEEK,
  MONTH;

  /** The option value, e.g. {@code "week"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Last day of the period holding {@code day}, not after {@code windowEnd}. */
  public LocalDate lastDay(LocalDate day, LocalDate windowEnd) {
    LocalDate last =
        switch (this) {
          case DAY -> day;
          case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
          case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
        };
    return last.isAfter(windowEnd) ? windowEnd : last;
  }

  /** Parses {@code --files}; anything else is a user error naming the accepted values. */
  public static FilePeriod parse(String option, String value) {
    if (value != null) {
      for (FilePeriod p : values()) {
        if (p.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
    }
    throw Errors.badOption(option, String.valueOf(value), "one of day, week, month");
  }
}
