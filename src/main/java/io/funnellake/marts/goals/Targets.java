package io.funnellake.marts.goals;

import io.funnellake.errors.Errors;
import io.funnellake.marts.common.Periods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The targets file: a CSV with the header {@code period_grain,period_start,scope,scope_value,
 * metric,target}; blank lines and lines starting with {@code #} are ignored. A period is a week
 * (starting on Monday), month or quarter identified by its first day; scope is {@code all} (empty
 * scope_value), {@code team} or {@code channel} (scope_value names it); metrics are {@link
 * #METRICS}; rates are shares between 0 and 1. Two lines for the same grain, period, scope and
 * metric overlap. Every problem fails with the file and line.
 */
public final class Targets {
  public static final String HEADER = "period_grain,period_start,scope,scope_value,metric,target";
  public static final List<String> METRICS =
      List.of(
          "mql_volume", "mql_to_sql_rate", "within_sla_share", "pipeline_created", "won_revenue");
  public static final List<String> RATE_METRICS = List.of("mql_to_sql_rate", "within_sla_share");
  public static final List<String> GRAINS = List.of("week", "month", "quarter");

  /** Columns of {@link #frame}. */
  public static final StructType SCHEMA =
      new StructType()
          .add("period_grain", DataTypes.StringType, false)
          .add("period_start", DataTypes.DateType, false)
          .add("scope", DataTypes.StringType, false)
          .add("scope_value", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("target_value", DataTypes.DoubleType, false);

  /** One target line. */
  public record Target(
      String grain,
      LocalDate start,
      String scope,
      String scopeValue,
      String metric,
      double value) {}

  private Targets() {}

  /** The targets of a file; an empty path means no targets. */
  public static List<Target> load(String file, String key) {
    if (file.isEmpty()) {
      return List.of();
    }
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) {
      throw Errors.targetsFileMissing(file, key);
    }
    try {
      return parse(file, Files.readAllLines(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Errors.fileUnreadable(file, e.getMessage(), e);
    }
  }

  public static List<Target> parse(String file, List<String> lines) {
    List<Target> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      int n = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.replace(" ", "").equals(HEADER)) {
          throw Errors.targetsInvalid(
              file, n, "The header is '" + line + "'.", "Start the file with " + HEADER);
        }
        header = true;
        continue;
      }
      Target t = parseLine(file, n, line);
      String id = t.grain + "|" + t.start + "|" + t.scope + "|" + t.scopeValue + "|" + t.metric;
      Integer other = seen.putIfAbsent(id, n);
      if (other != null) {
        throw Errors.targetsInvalid(
            file,
            n,
            "It overlaps line "
                + other
                + ": both set "
                + t.metric
                + " for the "
                + t.grain
                + " starting "
                + t.start
                + " ("
                + t.scope
                + (t.scope.equals("all") ? "" : " " + t.scopeValue)
                + ").",
            "Keep one of the two lines");
      }
      out.add(t);
    }
    return List.copyOf(out);
  }

  private static Target parseLine(String file, int n, String line) {
    String[] v = line.split(",", -1);
    if (v.length != 6) {
      throw Errors.targetsInvalid(
          file,
          n,
          "Expected 6 comma-separated values, found " + v.length + ".",
          "Write the line as " + HEADER);
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i].strip();
    }
    String grain = v[0];
    if (!GRAINS.contains(grain)) {
      throw Errors.targetsInvalid(
          file, n, "period_grain '" + grain + "' is unknown.", "Use one of " + GRAINS);
    }
    LocalDate start;
    try {
      start = LocalDate.parse(v[1]);
    } catch (DateTimeParseException e) {
      throw Errors.targetsInvalid(
          file, n, "period_start '" + v[1] + "' is not a date.", "Write it as yyyy-MM-dd");
    }
    if (!start.equals(periodStart(start, Periods.Grain.parse("period_grain", grain)))) {
      throw Errors.targetsInvalid(
          file,
          n,
          "period_start "
              + start
              + " is not the first day of a "
              + grain
              + " (weeks start on Monday; months on the 1st; quarters on Jan, Apr, Jul, Oct 1).",
          "Use " + periodStart(start, Periods.Grain.parse("period_grain", grain)));
    }
    String scope = v[2];
    if (!scope.equals("all") && !GoalsSettings.SPLITS.contains(scope)) {
      throw Errors.targetsInvalid(
          file, n, "scope '" + scope + "' is unknown.", "Use all, team or channel");
    }
    String value = scope.equals("all") ? "all" : v[3];
    if (scope.equals("all") && !v[3].isEmpty() && !v[3].equals("all")) {
      throw Errors.targetsInvalid(
          file, n, "scope all takes no scope_value, got '" + v[3] + "'.", "Leave it empty");
    }
    if (value.isEmpty()) {
      throw Errors.targetsInvalid(
          file, n, "scope " + scope + " needs a scope_value.", "Name the " + scope);
    }
    String metric = v[4];
    if (!METRICS.contains(metric)) {
      throw Errors.targetsInvalid(
          file, n, "metric '" + metric + "' is unknown.", "Use one of " + METRICS);
    }
    double target;
    try {
      target = Double.parseDouble(v[5]);
    } catch (NumberFormatException e) {
      throw Errors.targetsInvalid(
          file, n, "target '" + v[5] + "' is not a number.", "Write a number such as 40 or 0.25");
    }
    if (target < 0 || Double.isNaN(target) || Double.isInfinite(target)) {
      throw Errors.targetsInvalid(file, n, "target " + v[5] + " is negative.", "Use 0 or more");
    }
    if (RATE_METRICS.contains(metric) && target > 1) {
      throw Errors.targetsInvalid(
          file, n, metric + " is a share, got " + v[5] + ".", "Write it between 0 and 1");
    }
    return new Target(grain, start, scope, value, metric, target);
  }

  /** The first day of the period of a date (weeks on Monday). */
  static LocalDate periodStart(LocalDate d, Periods.Grain grain) {
    return switch (grain) {
      case WEEK -> d.with(DayOfWeek.MONDAY);
      case MONTH -> d.withDayOfMonth(1);
      case QUARTER -> d.withDayOfMonth(1).withMonth((d.getMonthValue() - 1) / 3 * 3 + 1);
      case DAY -> d;
    };
  }

  /** The targets as a frame of {@link #SCHEMA}. */
  public static Dataset<Row> frame(SparkSession spark, List<Target> targets) {
    List<Row> rows = new ArrayList<>();
    for (Target t : targets) {
      rows.add(
          RowFactory.create(
              t.grain, java.sql.Date.valueOf(t.start), t.scope, t.scopeValue, t.metric, t.value));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
