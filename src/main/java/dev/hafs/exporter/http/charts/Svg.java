package dev.hafs.exporter.http.charts;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for the landing page's charts. Every string that reaches the markup goes
 * through {@link Html#escape}: generator names and run ids come from files anyone can write.
 */
final class Svg {
    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int LEFT = 56;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 64;

    private final StringBuilder markup = new StringBuilder(2048);

    Svg(String cssClass, String label) {
        markup.append("<svg class=\"chart ").append(cssClass).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** Maps a value of [min, max] to the plot's y coordinate (0 at the bottom). */
    static double y(double value, double min, double max) {
        double clamped = Math.max(min, Math.min(max, value));
        return TOP + plotHeight() * (1 - (clamped - min) / (max - min));
    }

    Svg yAxis(double min, double max, int ticks, String unitSuffix) {
        for (int i = 0; i <= ticks; i++) {
            double value = min + (max - min) * i / ticks;
            double y = y(value, min, max);
            line(LEFT, y, WIDTH - RIGHT, y, "grid");
            text(LEFT - 6, y + 4, "end", "tick", format(value) + unitSuffix);
        }
        line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "axis");
        line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "axis");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        markup.append("<line class=\"").append(cssClass).append("\" x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
                .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append("\"/>");
        return this;
    }

    Svg polyline(List<double[]> points, String cssClass, String color, String title) {
        markup.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"").append(color).append("\" points=\"");
        for (double[] point : points) {
            markup.append(n(point[0])).append(',').append(n(point[1])).append(' ');
        }
        markup.append("\"><title>").append(Html.escape(title)).append("</title></polyline>");
        return this;
    }

    Svg rect(double x, double y, double width, double height, String cssClass, String title) {
        markup.append("<rect class=\"").append(cssClass).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height)).append("\"><title>")
                .append(Html.escape(title)).append("</title></rect>");
        return this;
    }

    Svg circle(double cx, double cy, double r, String cssClass, String title) {
        markup.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
                .append("\" r=\"").append(n(r)).append("\"><title>").append(Html.escape(title)).append("</title></circle>");
        return this;
    }

    Svg text(double x, double y, String anchor, String cssClass, String text) {
        markup.append("<text class=\"").append(cssClass).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>");
        return this;
    }

    /** A label under the x axis, turned so long run ids and generator names stay readable. */
    Svg slantedLabel(double x, String text) {
        String shown = text.length() > 18 ? text.substring(0, 17) + "…" : text;
        double y = HEIGHT - BOTTOM + 14;
        markup.append("<text class=\"label\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"end\" transform=\"rotate(-30 ").append(n(x)).append(' ').append(n(y)).append(")\">")
                .append(Html.escape(shown)).append("<title>").append(Html.escape(text)).append("</title></text>");
        return this;
    }

    String close() {
        return markup.append("</svg>").toString();
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
