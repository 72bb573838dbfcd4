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
    /** Extra room under the plot of a chart whose x axis has slanted labels (names, run ids). */
    static final int LABEL_BAND = 40;
    /** Extra room right of the plot of a chart with a second y axis there. */
    static final int RIGHT_AXIS = 36;

    /**
     * Slanted labels: turned 30° and drawn in a monospace face at the page's 11 px (LandingPage's CSS),
     * each character taking one cell of 0.6 em (two for wide ones). textLength pins the drawn length
     * to that estimate, whatever font the browser picks, so the label's extent is known here.
     */
    static final double LABEL_ANGLE = 30;
    static final double LABEL_FONT_SIZE = 11;
    static final double LABEL_CELL = 0.6 * LABEL_FONT_SIZE;
    /** Glyphs reach at most this far above and below the baseline (CJK and emoji fonts included). */
    static final double LABEL_ASCENT = 1.0 * LABEL_FONT_SIZE;
    static final double LABEL_DESCENT = 0.3 * LABEL_FONT_SIZE;
    static final double LABEL_EDGE = 2;
    private static final double COS = Math.cos(Math.toRadians(LABEL_ANGLE));
    private static final double SIN = Math.sin(Math.toRadians(LABEL_ANGLE));

    private final StringBuilder markup = new StringBuilder(2048);
    private final int height;

    Svg(String cssClass, String label) {
        this(cssClass, label, WIDTH, HEIGHT);
    }

    private Svg(String cssClass, String label, int width, int height) {
        this.height = height;
        markup.append("<svg class=\"chart ").append(cssClass).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    /** A chart with {@link #slantedLabel} under its x axis: the same plot, with the label band below it. */
    static Svg withSlantedLabels(String cssClass, String label) {
        return new Svg(cssClass, label, WIDTH, HEIGHT + LABEL_BAND);
    }

    /** As {@link #withSlantedLabels}, with room on the right for {@link #rightAxis}: the plot is the same. */
    static Svg withSlantedLabelsAndRightAxis(String cssClass, String label) {
        return new Svg(cssClass, label, WIDTH + RIGHT_AXIS, HEIGHT + LABEL_BAND);
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

    /** Tick labels of a second scale on the right of the plot, at the same heights as the left axis's grid. */
    Svg rightAxis(double min, double max, int ticks, String unitSuffix, String cssClass) {
        for (int i = 0; i <= ticks; i++) {
            double value = min + (max - min) * i / ticks;
            text(WIDTH - RIGHT + 6, y(value, min, max) + 4, "start", "tick " + cssClass, format(value) + unitSuffix);
        }
        line(WIDTH - RIGHT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM, "axis");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        markup.append("<line class=\"").append(cssClass).append("\" x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
                .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append("\"/>");
        return this;
    }

    /** A line through the points; a single point, which a polyline would not show, as a dot. */
    Svg polyline(List<double[]> points, String cssClass, String color, String title) {
        if (points.size() == 1) {
            markup.append("<circle class=\"").append(cssClass).append(" point\" fill=\"").append(color).append("\" cx=\"")
                    .append(n(points.getFirst()[0])).append("\" cy=\"").append(n(points.getFirst()[1])).append("\" r=\"2\"><title>")
                    .append(Html.escape(title)).append("</title></circle>");
            return this;
        }
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

    /**
     * A label under the x axis at {@code x}, turned so run ids and generator names have room, cut
     * with an ellipsis where it would leave the chart (the first bars have the least room, on the
     * left), and the whole name as its tooltip.
     */
    Svg slantedLabel(double x, String text) {
        double y = HEIGHT - BOTTOM + 14;
        double room = Math.min((x - LABEL_EDGE - LABEL_ASCENT * SIN) / COS, (height - LABEL_EDGE - y - LABEL_DESCENT * COS) / SIN);
        LabelText label = LabelText.fit(text, (int) Math.floor(room / LABEL_CELL));
        markup.append("<text class=\"label slanted\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"end\" transform=\"rotate(-").append(n(LABEL_ANGLE)).append(' ').append(n(x)).append(' ')
                .append(n(y)).append(")\"");
        if (label.cells() > 0) {
            markup.append(" textLength=\"").append(n(label.cells() * LABEL_CELL)).append("\" lengthAdjust=\"spacingAndGlyphs\"");
        }
        markup.append('>').append(Html.escape(label.shown())).append("<title>").append(Html.escape(text)).append("</title></text>");
        return this;
    }

    /**
     * Every how many bars a slanted label fits: neighbouring labels run parallel, {@code slot · sin 30°}
     * apart, and need a line's height between them. Bars without a label keep their tooltip.
     */
    static int labelStride(double slot) {
        return Math.max(1, (int) Math.ceil((LABEL_ASCENT + LABEL_DESCENT) / (slot * SIN)));
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
