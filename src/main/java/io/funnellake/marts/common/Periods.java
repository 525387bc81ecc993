package io.funnellake.marts.common;

import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.to_date;

import io.funnellake.errors.Errors;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * Reporting periods. Timestamps are stored in UTC; a period is cut in the reporting time zone and
 * identified by its first day: weeks start on Monday (ISO), months and quarters on their first day.
 */
public final class Periods {
  private Periods() {}

  /** Period grains every mart offers. */
  public enum Grain {
    DAY,
    WEEK,
    MONTH,
    QUARTER;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Grain parse(String key, String value) {
      for (Grain g : values()) {
        if (g.value().equals(value)) {
          return g;
        }
      }
      throw Errors.badConfigValue(key, null, value, List.of("day", "week", "month", "quarter"));
    }
  }

  /** The reporting-zone calendar date of a UTC timestamp. */
  public static Column localDate(Column utcTimestamp, ZoneId zone) {
    return to_date(from_utc_timestamp(utcTimestamp, zone.getId()));
  }

  /** First day (a date) of the period containing a UTC timestamp, in the reporting zone. */
  public static Column periodStart(Column utcTimestamp, Grain grain, ZoneId zone) {
    Column local = from_utc_timestamp(utcTimestamp, zone.getId());
    return to_date(date_trunc(grain.name(), local));
  }

  /** First day of the period containing a date (no zone shift: dates are already local). */
  public static Column periodStartOfDate(Column date, Grain grain) {
    return to_date(date_trunc(grain.name(), date.cast("timestamp")));
  }
}
