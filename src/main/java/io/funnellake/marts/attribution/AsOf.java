package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.lit;

import io.funnellake.config.FunnelConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;

/**
 * The "as of" bounds of a run in UTC: nothing after the end of the run date (reporting time zone)
 * counts, so a rerun for a past date sees what that night saw.
 */
final class AsOf {
  private AsOf() {}

  /** The last instant of the run date in the reporting zone (inclusive bound). */
  static Column lastInstant(FunnelConfig config) {
    return lit(Timestamp.from(endOfDay(config.runDate(), config.reportingZone())));
  }

  /** Last microsecond of a local date: timestamps compare {@code <=} against it. */
  static Instant endOfDay(LocalDate date, ZoneId zone) {
    return date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000);
  }
}
