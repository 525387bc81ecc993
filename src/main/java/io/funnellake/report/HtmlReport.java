package io.funnellake.report;

import io.funnellake.report.ReportSection.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Renders section results into one self-contained HTML page: inline CSS and SVG, no external files
 * or scripts, so it opens offline and can be mailed. A short inline script only marks which charts
 * have drawn (used by the browser test and harmless otherwise).
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** A section's rows (as text, in query column order), or why it is unavailable. */
  public record Result(
      ReportSection section, List<String> columns, List<List<String>> rows, String unavailable) {}

  public static String render(String title, String subtitle, List<Result> results) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><header><h1>")
        .append(Html.escape(title))
        .append("</h1><p>")
        .append(Html.escape(subtitle))
        .append("</p><nav>");
    for (Result r : results) {
      h.append("<a href=\"#")
          .append(r.section().id())
          .append("\">")
          .append(Html.escape(r.section().title()))
          .append("</a>");
    }
    h.append("</nav></header><main>");
    for (Result r : results) {
      section(h, r);
    }
    h.append("</main><script>").append(SCRIPT).append("</script></body></html>\n");
    return h.toString();
  }

  private static void section(StringBuilder h, Result r) {
    ReportSection s = r.section();
    h.append("<section id=\"")
        .append(s.id())
        .append("\"><h2>")
        .append(Html.escape(s.title()))
        .append("</h2><p class=\"question\">")
        .append(Html.escape(s.question()))
        .append("</p>");
    if (r.unavailable() != null && s.optional()) {
      h.append("<p class=\"pending\">")
          .append(Html.escape(s.whenMissing()))
          .append("</p></section>");
      return;
    }
    if (r.unavailable() != null) {
      h.append("<p class=\"unavailable\">Not available: ")
          .append(Html.escape(r.unavailable()))
          .append("</p></section>");
      return;
    }
    if (r.rows().isEmpty()) {
      h.append("<p class=\"unavailable\">No rows for this period.</p></section>");
      return;
    }
    if (s.chart() != null) {
      h.append("<figure>").append(chart(s.chart(), r).svg()).append("</figure>");
    }
    table(h, r);
    h.append("<details><summary>Query</summary><pre>")
        .append(Html.escape(s.sql().strip()))
        .append("</pre></details></section>");
  }

  /** Builds the chart from the result's text cells; non-numeric cells become gaps. */
  static Chart chart(Spec spec, Result r) {
    int cat = index(r, spec.category());
    if (spec.seriesColumn() == null) {
      List<String> categories = new ArrayList<>();
      for (List<String> row : r.rows()) {
        categories.add(row.get(cat));
      }
      List<Chart.Series> series = new ArrayList<>();
      for (String v : spec.values()) {
        int vi = index(r, v);
        series.add(new Chart.Series(v, r.rows().stream().map(row -> number(row.get(vi))).toList()));
      }
      return new Chart(categories, series, spec.unit(), spec.horizontal());
    }
    int ser = index(r, spec.seriesColumn());
    int val = index(r, spec.values().get(0));
    LinkedHashSet<String> categories = new LinkedHashSet<>();
    Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
    for (List<String> row : r.rows()) {
      categories.add(row.get(cat));
      bySeries
          .computeIfAbsent(row.get(ser), k -> new LinkedHashMap<>())
          .put(row.get(cat), number(row.get(val)));
    }
    List<Chart.Series> series = new ArrayList<>();
    bySeries.forEach(
        (name, values) ->
            series.add(new Chart.Series(name, categories.stream().map(values::get).toList())));
    return new Chart(List.copyOf(categories), series, spec.unit(), spec.horizontal());
  }

  private static int index(Result r, String column) {
    int i = r.columns().indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Report section '"
              + r.section().id()
              + "' charts column '"
              + column
              + "', which its query does not return (columns: "
              + r.columns()
              + ").");
    }
    return i;
  }

  private static Double number(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void table(StringBuilder h, Result r) {
    h.append("<table><thead><tr>");
    for (String c : r.columns()) {
      h.append("<th>").append(Html.escape(c)).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    for (List<String> row : r.rows()) {
      h.append("<tr>");
      for (String cell : row) {
        h.append("<td>").append(Html.escape(cell)).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>");
  }

  private static final String CSS =
      "body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#222}"
          + "header{background:#1f3b5c;color:#fff;padding:16px 24px}header p{margin:4px 0}"
          + "nav a{color:#cfe0f5;margin-right:14px;font-size:13px}"
          + "main{padding:8px 24px;max-width:1100px}section{margin:28px 0}"
          + ".question{color:#555;font-style:italic}.unavailable{color:#a33}"
          + "table{border-collapse:collapse;font-size:12px;margin-top:8px}"
          + "th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}"
          + "th{background:#f3f5f8}td:first-child,th:first-child{text-align:left}"
          + "svg .label,svg .value{font-size:11px;fill:#333}svg .grid{stroke:#e3e3e3}"
          + "pre{background:#f7f7f7;padding:8px;font-size:12px;overflow:auto}"
          + "figure{margin:8px 0}";

  // marks each chart that has drawn marks with a size, so a headless browser can confirm it
  private static final String SCRIPT =
      "(function(){var c=document.querySelectorAll('svg.chart'),n=0;"
          + "c.forEach(function(s){var m=s.querySelectorAll('.mark'),ok=false;"
          + "m.forEach(function(e){var b=e.getBBox();if(b.width>0&&b.height>0)ok=true;});"
          + "if(ok){n++;s.setAttribute('data-rendered','true');}});"
          + "document.body.setAttribute('data-charts',c.length);"
          + "document.body.setAttribute('data-charts-rendered',n);})();";
}
