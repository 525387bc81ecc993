package io.funnellake.report;

import java.util.List;

/**
 * One block of the report: a question, the bounded SQL over gold tables that answers it, and how to
 * chart the result. The SQL must aggregate and carry a LIMIT: the report reads rows to the driver.
 *
 * @param id anchor and test handle
 * @param title heading
 * @param question what the block answers, in the meeting's words
 * @param sql Spark SQL over the published catalog (gold.*)
 * @param chart how to draw the result; null for a table only
 * @param whenMissing for a section whose tables exist only after an optional step (a backtest),
 *     what to show while they do not; null for sections every nightly run must fill
 */
public record ReportSection(
    String id, String title, String question, String sql, Spec chart, String whenMissing) {

  public ReportSection(String id, String title, String question, String sql, Spec chart) {
    this(id, title, question, sql, chart, null);
  }

  public boolean optional() {
    return whenMissing != null;
  }

  /**
   * Chart columns of the query result.
   *
   * @param category column whose values label the bars
   * @param seriesColumn column whose values name the series (pivot), or null
   * @param values value columns (one series each when {@code seriesColumn} is null)
   * @param unit suffix of value labels
   * @param horizontal bars to the right
   */
  public record Spec(
      String category, String seriesColumn, List<String> values, String unit, boolean horizontal) {

    public static Spec bars(String category, String unit, String... values) {
      return new Spec(category, null, List.of(values), unit, false);
    }

    public static Spec hbars(String category, String unit, String... values) {
      return new Spec(category, null, List.of(values), unit, true);
    }

    public static Spec pivot(String category, String series, String value, String unit) {
      return new Spec(category, series, List.of(value), unit, false);
    }
  }
}
