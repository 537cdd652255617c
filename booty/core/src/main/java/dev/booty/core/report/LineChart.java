package dev.booty.core.report;

import static dev.booty.core.report.HtmlReport.esc;
import static dev.booty.core.report.HtmlReport.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A line chart over seconds as inline SVG: axes with ticks, shaded bands, a legend. */
final class LineChart {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 220;
  private static final int LEFT = 56;
  private static final int RIGHT = 130;
  private static final int TOP = 16;
  private static final int BOTTOM = 36;

  /** A shaded interval of the x axis; {@code to} NaN runs to the chart's end. */
  record Band(double from, double to, String label) {}

  /**
   * A line; {@code kind} names the client kind of a series drawn with markers (browser clients),
   * null for a plain line.
   */
  private record Series(
      String name, String colour, boolean dashed, String kind, List<double[]> points) {}

  /** At most this many markers on a line, evenly spaced, so a long run stays readable. */
  private static final int MARKERS = 40;

  private final String yLabel;
  private final boolean log;
  private final List<Band> bands;
  private final List<Series> series = new ArrayList<>();
  private final StringBuilder svg = new StringBuilder(4096);
  private double x0;
  private double x1;
  private double y0;
  private double y1;

  LineChart(String yLabel, boolean log, List<Band> bands) {
    this.yLabel = yLabel;
    this.log = log;
    this.bands = bands;
  }

  void series(String name, String colour, boolean dashed, List<double[]> points) {
    series(name, colour, dashed, null, points);
  }

  /** A line marked as the clients of {@code kind} (round markers), or plain when it is null. */
  void series(String name, String colour, boolean dashed, String kind, List<double[]> points) {
    series.add(new Series(name, colour, dashed, kind, points));
  }

  String svg() {
    scale();
    svg.setLength(0);
    put("<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %1$d %2$d\" role=\"img\">", WIDTH, HEIGHT);
    for (Band band : bands) {
      double from = Math.max(x0, band.from());
      double to = Math.min(x1, Double.isNaN(band.to()) ? x1 : band.to());
      if (to >= from) {
        put(
            "<rect class=\"band\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                + " fill=\"#ffcc80\" fill-opacity=\"0.35\"/>",
            px(from), TOP, Math.max(1, px(to) - px(from)), HEIGHT - TOP - BOTTOM);
        put(
            "<text class=\"band-label\" x=\"%.1f\" y=\"%d\">%s</text>",
            px(from) + 3, TOP + 11, esc(band.label()));
      }
    }
    axes();
    for (int i = 0; i < series.size(); i++) {
      line(series.get(i));
      legend(series.get(i), TOP + 8 + 16 * i);
    }
    return svg.append("</svg>").toString();
  }

  private void line(Series s) {
    StringBuilder points = new StringBuilder();
    for (double[] p : s.points()) {
      points.append(fmt(" %.1f,%.1f", px(p[0]), py(p[1])));
    }
    if (s.points().size() == 1) {
      points.append(points); // a lone point shows as a round dot
    }
    put(
        "<polyline class=\"series\" data-series=\"%s\"%s fill=\"none\" stroke=\"%s\""
            + " stroke-width=\"1.8\" stroke-linecap=\"round\"%s points=\"%s\"/>",
        esc(s.name()), kindAttribute(s), s.colour(), dash(s), points.toString().strip());
    if (s.kind() != null && !s.points().isEmpty()) {
      int stride = Math.max(1, (int) Math.ceil(s.points().size() / (double) MARKERS));
      for (int i = 0; i < s.points().size(); i += stride) {
        double[] p = s.points().get(i);
        marker(s, px(p[0]), py(p[1]));
      }
    }
  }

  private void marker(Series s, double x, double y) {
    put(
        "<circle class=\"marker\" data-kind=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\""
            + " fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.4\"/>",
        esc(s.kind()), x, y, s.colour());
  }

  private static String kindAttribute(Series s) {
    return s.kind() == null ? "" : " data-kind=\"" + esc(s.kind()) + "\"";
  }

  private void legend(Series s, int y) {
    int x = WIDTH - RIGHT + 12;
    put(
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%2$d\" stroke=\"%s\""
            + " stroke-width=\"2\"%s/><text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>",
        x, y, x + 18, s.colour(), dash(s), x + 23, y + 4, esc(s.name()));
    if (s.kind() != null) {
      marker(s, x + 9, y);
    }
  }

  private static String dash(Series s) {
    return s.dashed() ? " stroke-dasharray=\"4 3\"" : "";
  }

  private void scale() {
    x0 = Double.MAX_VALUE;
    x1 = -Double.MAX_VALUE;
    double max = 0;
    double minPositive = Double.MAX_VALUE;
    for (Series s : series) {
      for (double[] p : s.points()) {
        x0 = Math.min(x0, p[0]);
        x1 = Math.max(x1, p[0]);
        max = Math.max(max, p[1]);
        minPositive = p[1] > 0 ? Math.min(minPositive, p[1]) : minPositive;
      }
    }
    for (Band band : bands) {
      x0 = Math.min(x0, band.from());
      x1 = Double.isNaN(band.to()) ? x1 : Math.max(x1, band.to());
    }
    if (x0 > x1) {
      x0 = 0;
      x1 = 1;
    }
    x1 = x1 > x0 ? x1 : x0 + 1;
    if (log) {
      y0 = Math.floor(Math.log10(minPositive == Double.MAX_VALUE ? 1 : minPositive));
      y1 = Math.max(y0 + 1, Math.ceil(Math.log10(Math.max(max, 1e-9))));
    } else {
      double step = step(Math.max(max, 1));
      y0 = 0;
      y1 = Math.max(step, Math.ceil(max / step) * step);
    }
  }

  private void axes() {
    int bottom = HEIGHT - BOTTOM;
    int right = WIDTH - RIGHT;
    put("<path d=\"M%d %d V%d H%d\" stroke=\"#666\" fill=\"none\"/>", LEFT, TOP, bottom, right);
    double xStep = step(x1 - x0);
    for (double x = Math.ceil(x0 / xStep) * xStep; x <= x1 + 1e-9; x += xStep) {
      put(
          "<line x1=\"%1$.1f\" y1=\"%2$d\" x2=\"%1$.1f\" y2=\"%3$d\" stroke=\"#666\"/>"
              + "<text class=\"x-tick\" x=\"%1$.1f\" y=\"%4$d\""
              + " text-anchor=\"middle\">%5$s</text>",
          px(x), bottom, bottom + 4, bottom + 15, number(x));
    }
    double yStep = log ? 1 : step(y1 - y0);
    for (double v = y0; v <= y1 + 1e-9; v += yStep) {
      double value = log ? Math.pow(10, v) : v;
      put(
          "<line x1=\"%1$d\" y1=\"%2$.1f\" x2=\"%3$d\" y2=\"%2$.1f\" stroke=\"#eee\"/>"
              + "<text class=\"y-tick\" x=\"%4$d\" y=\"%5$.1f\""
              + " text-anchor=\"end\">%6$s</text>",
          LEFT, py(value), right, LEFT - 5, py(value) + 4, number(value));
    }
    put(
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds from start</text>"
            + "<text x=\"12\" y=\"%d\" text-anchor=\"middle\""
            + " transform=\"rotate(-90 12 %3$d)\">"
            + "%s</text>",
        (LEFT + right) / 2, HEIGHT - 4, (TOP + bottom) / 2, esc(yLabel));
  }

  private double px(double x) {
    return LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
  }

  private double py(double value) {
    double v = log ? Math.log10(Math.max(value, Math.pow(10, y0))) : value;
    return HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
  }

  /** A round tick step giving about five ticks over {@code range}: 1, 2 or 5 times 10^n, >= 1. */
  static double step(double range) {
    double raw = range / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    return Math.max(1, (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude);
  }

  private void put(String format, Object... args) {
    svg.append(fmt(format, args));
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
