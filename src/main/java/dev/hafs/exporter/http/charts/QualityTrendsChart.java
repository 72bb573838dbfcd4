package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.ScoreSeries;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Chart 1: the last window of each (domain, score) series of rejected samples, on 0–1, with the quality goal. */
public final class QualityTrendsChart {
    static final String[] PALETTE = {"#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9",
        "#fade2a", "#37872d", "#c4162a", "#96d98d", "#ffb357"};

    private QualityTrendsChart() {
    }

    public static String render(TrainingSnapshot snapshot) {
        String title = "Quality Trends";
        var state = snapshot.source(Source.QUALITY_FEEDBACK);
        var unavailable = Panel.unavailable(state, Source.QUALITY_FEEDBACK.fileName());
        if (unavailable.isPresent()) {
            return Panel.of("quality-trends", title, Panel.empty(unavailable.get()));
        }
        QualityFeedback quality = snapshot.qualityFeedback().orElseThrow();
        if (quality.scoreSeries().isEmpty()) {
            return Panel.of("quality-trends", title, Panel.empty("No rejected samples in the history yet."));
        }
        int length = quality.scoreSeries().stream().mapToInt(s -> s.recentValues().size()).max().orElse(1);
        Svg svg = new Svg("quality-trends", "Quality scores of rejected samples per domain and score").yAxis(0, 1, 5, "");
        StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
        for (int i = 0; i < quality.scoreSeries().size(); i++) {
            ScoreSeries series = quality.scoreSeries().get(i);
            String color = PALETTE[i % PALETTE.length];
            String name = series.domain() + " / " + series.score();
            String tooltip = name + ": mean " + Svg.format(series.recentMean());
            List<Double> values = series.recentValues();
            int offset = length - values.size();
            for (List<double[]> segment : segments(values, offset, length)) {
                svg.polyline(segment, "series", color, tooltip);
            }
            legend.append("<li><span class=\"swatch\" style=\"background:").append(color).append("\"></span>")
                    .append(Html.escape(name)).append(" <small>mean ").append(Svg.format(series.recentMean())).append("</small></li>");
        }
        Double goal = quality.thresholds().get("min_quality_score");
        if (goal != null && Double.isFinite(goal)) {
            double y = Svg.y(goal, 0, 1);
            svg.line(Svg.LEFT, y, Svg.WIDTH - Svg.RIGHT, y, "threshold");
            svg.text(Svg.WIDTH - Svg.RIGHT - 4, y - 4, "end", "threshold-label", "min_quality_score " + Svg.format(goal));
        }
        svg.text(Svg.LEFT + Svg.plotWidth() / 2, Svg.HEIGHT - Svg.BOTTOM + 20, "middle", "label",
                "last " + length + " rejected samples per series, oldest to newest");
        return Panel.of("quality-trends", title, svg.close() + legend.append("</ul>"));
    }

    /**
     * The finite runs of a series as separate lines: a NaN or infinite score (HAFS writes them) is a
     * gap, since one non-number in a polyline's points stops the browser drawing the rest of it.
     */
    static List<List<double[]>> segments(List<Double> values, int offset, int length) {
        List<List<double[]>> segments = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        for (int j = 0; j < values.size(); j++) {
            double value = values.get(j);
            if (Double.isFinite(value)) {
                current.add(new double[] {x(offset + j, length), Svg.y(value, 0, 1)});
            } else if (!current.isEmpty()) {
                segments.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            segments.add(current);
        }
        return segments;
    }

    private static double x(int index, int length) {
        return Svg.LEFT + (length <= 1 ? Svg.plotWidth() / 2 : Svg.plotWidth() * index / (length - 1));
    }
}
