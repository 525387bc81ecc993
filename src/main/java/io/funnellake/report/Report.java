package io.funnellake.report;

import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The funnel at a glance: runs every {@link ReportSections} query against the published gold tables
 * and writes one self-contained HTML file. A section whose table is not published (a mart switched
 * off, an empty lakehouse) says so instead of failing the report.
 */
public final class Report {
  /** Rows a section may bring to the driver; the queries aggregate well below this. */
  static final int MAX_ROWS = 200;

  private Report() {}

  public static List<HtmlReport.Result> results(Lakehouse lakehouse, List<ReportSection> sections) {
    Catalog.register(lakehouse);
    List<HtmlReport.Result> results = new ArrayList<>();
    for (ReportSection s : sections) {
      results.add(result(lakehouse, s));
    }
    return results;
  }

  private static HtmlReport.Result result(Lakehouse lakehouse, ReportSection s) {
    Dataset<Row> df;
    try {
      df = lakehouse.spark().sql(s.sql());
    } catch (Exception e) {
      // Spark throws AnalysisException undeclared: a table not published or a column renamed
      if (e instanceof AnalysisException ae) {
        return new HtmlReport.Result(s, List.of(), List.of(), ae.getSimpleMessage());
      }
      throw e;
    }
    List<String> columns = Arrays.asList(df.columns());
    List<List<String>> rows = new ArrayList<>();
    for (Row r : df.limit(MAX_ROWS).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.isNullAt(i) ? "" : r.get(i).toString());
      }
      rows.add(cells);
    }
    return new HtmlReport.Result(s, columns, rows, null);
  }

  /**
   * Writes the report for {@code runDate} to {@code target} (any Hadoop path), or by default to
   * {@code <lakehouse>/<report.folder>/funnel-report-<run_date>.html}; returns the path written.
   */
  public static String write(
      Lakehouse lakehouse, ReportSettings settings, LocalDate runDate, String target) {
    String html =
        HtmlReport.render(
            "funnel-lake: sales and marketing funnel",
            "As of "
                + runDate
                + " (published gold tables of "
                + lakehouse.root()
                + "). Ratios are recomputed from the summed counts shown.",
            results(lakehouse, ReportSections.all()));
    String out =
        target != null
            ? target
            : lakehouse.root() + "/" + settings.folder() + "/funnel-report-" + runDate + ".html";
    Path path = new Path(out);
    try {
      FileSystem fs = path.getFileSystem(lakehouse.spark().sparkContext().hadoopConfiguration());
      try (OutputStream os = fs.create(path, true)) {
        os.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw Errors.reportUnwritable(out, e);
    }
    return out;
  }
}
