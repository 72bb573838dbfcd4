package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.Comparator;
import java.util.List;

/** Chart 2: acceptance rate per generator in percent, highest first, below 40 % marked low. */
public final class GeneratorStatsChart {
    static final double LOW_PERCENT = 40;

    private GeneratorStatsChart() {
    }

    /** accepted / (accepted + rejected) in percent, 0 when nothing was judged, as HAFS's viewers draw it. */
    static double acceptancePercent(GeneratorStats generator) {
        return generator.acceptanceRatio().orElse(0) * 100;
    }

    public static String render(TrainingSnapshot snapshot) {
        String title = "Generator Stats";
        var unavailable = Panel.unavailable(snapshot.source(Source.QUALITY_FEEDBACK), Source.QUALITY_FEEDBACK.fileName());
        if (unavailable.isPresent()) {
            return Panel.of("generator-stats", title, Panel.empty(unavailable.get()));
        }
        QualityFeedback quality = snapshot.qualityFeedback().orElseThrow();
        if (quality.generators().isEmpty()) {
            return Panel.of("generator-stats", title, Panel.empty("No generators have reported yet."));
        }
        List<GeneratorStats> sorted = quality.generators().stream()
                .sorted(Comparator.comparingDouble(GeneratorStatsChart::acceptancePercent).reversed()).toList();
        Svg svg = Svg.withSlantedLabels("generator-stats", "Acceptance rate per generator in percent").yAxis(0, 100, 5, "%");
        double slot = Svg.plotWidth() / sorted.size();
        double barWidth = Math.min(48, slot * 0.7);
        int labelStride = Svg.labelStride(slot);
        for (int i = 0; i < sorted.size(); i++) {
            GeneratorStats generator = sorted.get(i);
            double percent = acceptancePercent(generator);
            double x = Svg.LEFT + slot * i + (slot - barWidth) / 2;
            double top = Svg.y(percent, 0, 100);
            String cssClass = percent < LOW_PERCENT ? "bar low" : "bar";
            svg.rect(x, top, barWidth, Svg.HEIGHT - Svg.BOTTOM - top, cssClass, generator.name() + ": "
                    + Svg.format(percent) + " % accepted (" + Svg.format(generator.samplesAccepted()) + " of "
                    + Svg.format(generator.samplesAccepted() + generator.samplesRejected()) + ")");
            svg.text(x + barWidth / 2, top - 4, "middle", "value", Svg.format(Math.round(percent * 10) / 10.0) + "%");
            if (i % labelStride == 0) {
                svg.slantedLabel(x + barWidth / 2, generator.name());
            }
        }
        return Panel.of("generator-stats", title, svg.close());
    }
}
