package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.parse.Dataset;
import dev.hafs.exporter.parse.Datasets;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The newest curated datasets, oldest to newest: final samples as bars on the left scale, and the
 * yield (final / generated, HAFS's measure of a curation) as a line on the right scale in percent.
 */
public final class DatasetsChart {
    static final int NEWEST = 12;
    static final String YIELD_COLOR = "#f2cc0c";

    private DatasetsChart() {
    }

    public static String render(TrainingSnapshot snapshot) {
        String title = "Newest Datasets — final samples and yield";
        var unavailable = Panel.unavailable(snapshot.source(Source.DATASETS), Source.DATASETS.fileName() + "/");
        if (unavailable.isPresent()) {
            return Panel.of("datasets", title, Panel.empty(unavailable.get()));
        }
        Datasets datasets = snapshot.datasets().orElseThrow();
        if (datasets.datasets().isEmpty()) {
            return Panel.of("datasets", title, Panel.empty(datasets.found() == 0
                    ? "No dataset folders yet." : "No whole dataset folder yet (" + datasets.found() + " found)."));
        }
        List<Dataset> shown = new ArrayList<>(datasets.datasets().subList(0, Math.min(NEWEST, datasets.datasets().size())));
        Collections.reverse(shown);
        double top = niceCeiling(shown.stream().flatMap(d -> d.samplesFinal().stream()).mapToDouble(Double::doubleValue)
                .filter(Double::isFinite).max().orElse(1));
        Svg svg = Svg.withSlantedLabelsAndRightAxis("datasets", "Final samples and yield of the newest datasets")
                .yAxis(0, top, 4, "").rightAxis(0, 100, 4, "%", "yield-tick");
        double slot = Svg.plotWidth() / shown.size();
        double barWidth = Math.min(40, slot * 0.6);
        int labelStride = Svg.labelStride(slot);
        List<double[]> line = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Dataset dataset = shown.get(i);
            double center = Svg.LEFT + slot * i + slot / 2;
            dataset.samplesFinal().filter(Double::isFinite).ifPresent(samples -> {
                double y = Svg.y(samples, 0, top);
                svg.rect(center - barWidth / 2, y, barWidth, Svg.HEIGHT - Svg.BOTTOM - y, "bar",
                        dataset.name() + ": " + Svg.format(samples) + " final samples");
                svg.text(center, y - 4, "middle", "value", Svg.format(samples));
            });
            if (i % labelStride == 0) {
                svg.slantedLabel(center, dataset.name());
            }
            // A dataset without a yield is a gap in the line, as a NaN score is in the quality trends.
            var yield = dataset.yield().filter(Double::isFinite);
            if (yield.isPresent()) {
                line.add(new double[] {center, Svg.y(yield.get() * 100, 0, 100)});
            } else {
                drawYield(svg, line);
            }
        }
        drawYield(svg, line);
        for (int i = 0; i < shown.size(); i++) {
            Dataset dataset = shown.get(i);
            double center = Svg.LEFT + slot * i + slot / 2;
            dataset.yield().filter(Double::isFinite).ifPresent(ratio -> svg.circle(center, Svg.y(ratio * 100, 0, 100), 3.5,
                    "point yield", dataset.name() + ": yield " + Svg.format(ratio * 100) + " % ("
                            + Svg.format(dataset.samplesFinal().orElseThrow()) + " final of "
                            + Svg.format(dataset.samplesGenerated().orElseThrow()) + " generated)"));
        }
        String legend = "<ul class=\"legend\"><li><span class=\"swatch final\"></span>final samples (left)</li>"
                + "<li><span class=\"swatch\" style=\"background:" + YIELD_COLOR + "\"></span>yield = final / generated (right)</li></ul>";
        return Panel.of("datasets", title, svg.close() + legend);
    }

    private static void drawYield(Svg svg, List<double[]> line) {
        if (line.size() > 1) {
            svg.polyline(List.copyOf(line), "series yield", YIELD_COLOR, "yield (final / generated)");
        }
        line.clear();
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}, so the left axis's ticks are round. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
