package io.funnellake.report;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart drawn as inline SVG, so the report opens offline with no script library: one group of
 * bars per category, one bar per series. Horizontal when labels are long (reasons, reps).
 *
 * @param categories labels along the category axis, in display order
 * @param series one named value list per series, aligned with {@code categories}
 * @param unit suffix for value labels, e.g. "%" or " h"
 * @param horizontal bars grow to the right instead of up
 */
public record Chart(List<String> categories, List<Series> series, String unit, boolean horizontal) {

  /** Values may be null (shown as a gap). */
  public record Series(String name, List<Double> values) {}

  private static final String[] COLOURS = {
    "#2f6db5", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4a017", "#17a2b8"
  };

  public String svg() {
    return horizontal ? horizontalSvg() : verticalSvg();
  }

  private double max() {
    double m = 0;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null && v > m) {
          m = v;
        }
      }
    }
    return m <= 0 ? 1 : m;
  }

  private String verticalSvg() {
    int groupWidth = Math.max(36, 14 * series.size() + 16);
    int left = 60;
    int top = 20;
    int plotHeight = 220;
    int width = left + groupWidth * Math.max(1, categories.size()) + 20;
    int height = top + plotHeight + 90 + legendHeight();
    double max = max();
    StringBuilder svg = open(width, height);
    axisY(svg, left, top, plotHeight, width, max);
    int barWidth = (groupWidth - 12) / Math.max(1, series.size());
    for (int c = 0; c < categories.size(); c++) {
      int x0 = left + c * groupWidth + 6;
      for (int s = 0; s < series.size(); s++) {
        Double v = series.get(s).values().get(c);
        if (v == null) {
          continue;
        }
        double h = plotHeight * v / max;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"mark\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s, %s: %s</title></rect>",
                x0 + s * barWidth,
                top + plotHeight - h,
                Math.max(1, barWidth - 1),
                h,
                COLOURS[s % COLOURS.length],
                Html.escape(categories.get(c)),
                Html.escape(series.get(s).name()),
                format(v)));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" transform=\"translate(%d,%d) rotate(40)\">%s</text>",
              x0 + 4,
              top + plotHeight + 14,
              Html.escape(shorten(categories.get(c)))));
    }
    legend(svg, left, top + plotHeight + 80);
    return svg.append("</svg>").toString();
  }

  private String horizontalSvg() {
    int left = 170;
    int top = 10;
    int rowHeight = Math.max(18, 10 * series.size() + 8);
    int plotWidth = 420;
    int width = left + plotWidth + 90;
    int height = top + rowHeight * Math.max(1, categories.size()) + 20 + legendHeight();
    double max = max();
    StringBuilder svg = open(width, height);
    int barHeight = (rowHeight - 6) / Math.max(1, series.size());
    for (int c = 0; c < categories.size(); c++) {
      int y0 = top + c * rowHeight + 3;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
              left - 6,
              y0 + rowHeight / 2 + 1,
              Html.escape(shorten(categories.get(c)))));
      for (int s = 0; s < series.size(); s++) {
        Double v = series.get(s).values().get(c);
        if (v == null) {
          continue;
        }
        double w = plotWidth * v / max;
        int y = y0 + s * barHeight;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"mark\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s, %s: %s</title></rect>"
                    + "<text class=\"value\" x=\"%.1f\" y=\"%d\">%s</text>",
                left,
                y,
                w,
                Math.max(1, barHeight - 1),
                COLOURS[s % COLOURS.length],
                Html.escape(categories.get(c)),
                Html.escape(series.get(s).name()),
                format(v),
                left + w + 4,
                y + barHeight - 2,
                format(v)));
      }
    }
    legend(svg, left, top + rowHeight * Math.max(1, categories.size()) + 14);
    return svg.append("</svg>").toString();
  }

  private int legendHeight() {
    return series.size() > 1 ? 18 * ((series.size() + 2) / 3) : 0;
  }

  private StringBuilder open(int width, int height) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\">",
            width,
            height,
            width,
            height));
  }

  private void axisY(StringBuilder svg, int left, int top, int plotHeight, int width, double max) {
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = top + plotHeight - plotHeight * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  + "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
              left,
              width - 10,
              y,
              y,
              left - 4,
              y + 4,
              format(v)));
    }
  }

  private void legend(StringBuilder svg, int left, int y) {
    if (series.size() < 2) {
      return;
    }
    for (int s = 0; s < series.size(); s++) {
      int x = left + (s % 3) * 170;
      int yy = y + (s / 3) * 18;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text class=\"label\" x=\"%d\" y=\"%d\">%s</text>",
              x,
              yy,
              COLOURS[s % COLOURS.length],
              x + 14,
              yy + 9,
              Html.escape(series.get(s).name())));
    }
  }

  private String format(double v) {
    String n =
        Math.abs(v) >= 1000
            ? String.format(Locale.ROOT, "%,.0f", v)
            : String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.2f", v);
    return n + unit;
  }

  private static String shorten(String s) {
    return s.length() <= 26 ? s : s.substring(0, 25) + "…";
  }
}
