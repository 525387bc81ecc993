package io.funnellake.generate;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

/**
 * The generated time window in epoch seconds (UTC), with the export file date of every day and the
 * weights by which leads arrive over the days (weekdays, holidays, growth over the year).
 */
final class Window implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long DAY = 86_400L;

  final long startSec;

  /** Last second of the last day. */
  final long endSec;

  final int days;
  private final long startDay;
  private final String[] fileDates;
  private final double[] arrivalCumulative;

  Window(LocalDate start, LocalDate end, FilePeriod period) {
    this.startDay = start.toEpochDay();
    this.days = (int) (end.toEpochDay() - startDay + 1);
    this.startSec = startDay * DAY;
    this.endSec = (startDay + days) * DAY - 1;
    this.fileDates = new String[days];
    this.arrivalCumulative = new double[days];
    double total = 0;
    for (int d = 0; d < days; d++) {
      LocalDate day = start.plusDays(d);
      fileDates[d] = period.lastDay(day, end).toString();
      total += arrivalWeight(day, d / (double) days);
      arrivalCumulative[d] = total;
    }
  }

  /** Relative lead volume of a day: fewer at weekends and over the holidays, growing 30%/year. */
  private static double arrivalWeight(LocalDate day, double progress) {
    double w = 0.85 + 0.3 * progress;
    DayOfWeek dow = day.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY) {
      w *= 0.3;
    } else if (dow == DayOfWeek.SUNDAY) {
      w *= 0.25;
    }
    boolean holidays =
        (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() >= 20)
            || (day.getMonth() == Month.JANUARY && day.getDayOfMonth() <= 2);
    if (holidays) {
      w *= 0.4;
    } else if (day.getMonth() == Month.AUGUST) {
      w *= 0.8;
    }
    return w;
  }

  boolean contains(long sec) {
    return sec >= startSec && sec <= endSec;
  }

  /** Day index (0-based) of a second inside the window. */
  int dayIndex(long sec) {
    return (int) Math.floorDiv(sec - startSec, DAY);
  }

  /** The export file date (last day of its period) of a second inside the window. */
  String fileDate(long sec) {
    return fileDates[dayIndex(sec)];
  }

  /** A day index drawn by the arrival weights. */
  int arrivalDay(Rng r) {
    return r.cumulative(arrivalCumulative);
  }

  /** Midnight (UTC) of a day index. */
  long dayStart(int dayIndex) {
    return startSec + dayIndex * DAY;
  }

  static long epochSecond(LocalDate day) {
    return day.toEpochDay() * DAY;
  }
}
