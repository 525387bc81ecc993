package io.funnellake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.report.ReportSection.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern RECT_HEIGHT =
      Pattern.compile(
          "<rect class=\"mark\" x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"\\d+\" height=\"([0-9.]+)\"");

  private static ReportSection section(Spec spec) {
    return new ReportSection("s1", "Title", "What?", "SELECT 1 LIMIT 1", spec);
  }

  private static List<Double> heights(String svg) {
    List<Double> out = new ArrayList<>();
    Matcher m = RECT_HEIGHT.matcher(svg);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  @Test
  void barHeightsAreProportionalToValuesAndTheLargestFillsThePlot() {
    var r =
        new HtmlReport.Result(
            section(Spec.bars("stage", "", "entered")),
            List.of("stage", "entered"),
            List.of(List.of("lead", "10"), List.of("mql", "5"), List.of("sql", "")),
            null);
    String svg = HtmlReport.chart(r.section().chart(), r).svg();
    // plot height 220: 10 -> 220, 5 -> 110, the empty cell is a gap (no bar)
    assertEquals(List.of(220.0, 110.0), heights(svg));
  }

  @Test
  void pivotMakesOneSeriesPerValueOfTheSeriesColumnAlignedByCategory() {
    var r =
        new HtmlReport.Result(
            section(Spec.pivot("channel", "model", "revenue", "")),
            List.of("channel", "model", "revenue"),
            List.of(
                List.of("email", "first_touch", "30"),
                List.of("email", "linear", "20"),
                List.of("webinar", "linear", "10")),
            null);
    Chart c = HtmlReport.chart(r.section().chart(), r);
    assertEquals(List.of("email", "webinar"), c.categories());
    assertEquals("first_touch", c.series().get(0).name());
    assertEquals(java.util.Arrays.asList(30.0, null), c.series().get(0).values());
    assertEquals(List.of(20.0, 10.0), c.series().get(1).values());
  }

  @Test
  void dataIsEscapedSoAValueCannotInjectMarkup() {
    var r =
        new HtmlReport.Result(
            section(Spec.hbars("reason", "", "n")),
            List.of("reason", "n"),
            List.of(List.of("<script>alert(1)</script>", "3")),
            null);
    String html = HtmlReport.render("T", "sub", List.of(r));
    assertFalse(html.contains("<script>alert"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // exactly one script: the report's own rendering marker
    assertEquals(1, html.split("<script>", -1).length - 1);
  }

  @Test
  void anUnavailableSectionSaysWhyAndHasNoChart() {
    var r =
        new HtmlReport.Result(
            section(Spec.bars("stage", "", "entered")),
            List.of(),
            List.of(),
            "[TABLE_OR_VIEW_NOT_FOUND] gold.x");
    String html = HtmlReport.render("T", "sub", List.of(r));
    assertTrue(html.contains("Not available: [TABLE_OR_VIEW_NOT_FOUND] gold.x"));
    assertFalse(html.contains("<svg"));
  }

  @Test
  void aChartColumnTheQueryDoesNotReturnIsAClearError() {
    var r =
        new HtmlReport.Result(
            section(Spec.bars("stage", "", "entred")),
            List.of("stage", "entered"),
            List.of(List.of("lead", "1")),
            null);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> HtmlReport.chart(r.section().chart(), r));
    assertTrue(e.getMessage().contains("'s1' charts column 'entred'"), e.getMessage());
  }

  @Test
  void everyShippedSectionIsBoundedAndChartsColumnsItSelects() {
    for (ReportSection s : ReportSections.all()) {
      assertTrue(s.sql().toUpperCase().contains("LIMIT"), s.id() + " must carry a LIMIT");
      if (s.chart() != null) {
        String sql = s.sql();
        assertTrue(sql.contains(s.chart().category()), s.id());
        s.chart().values().forEach(v -> assertTrue(sql.contains(v), s.id() + ": " + v));
      }
    }
  }
}
