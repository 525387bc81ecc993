package io.funnellake.marts.common;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The "as of" instant of a run: the end of the run date in the reporting time zone (the start of
 * the next local day), as a UTC timestamp. Ages, censoring and open durations are measured to it.
 */
public final class AsOf {
  private AsOf() {}

  public static Timestamp endOf(LocalDate runDate, ZoneId zone) {
    return Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
  }
}
