package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.parse.TrainingFeedback;
import dev.hafs.exporter.parse.TrainingRun;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.Comparator;
import java.util.List;

/** Chart 4: final loss of the ten best completed runs, lowest first; lower is better. */
public final class TrainingRunsChart {
    static final int BEST_RUNS = 10;

    private TrainingRunsChart() {
    }

    static List<TrainingRun> bestRuns(TrainingFeedback training) {
        return training.runs().stream()
                .filter(run -> run.finalLoss().filter(Double::isFinite).isPresent())
                .sorted(Comparator.comparingDouble(run -> run.finalLoss().orElseThrow()))
                .limit(BEST_RUNS)
                .toList();
    }

    public static String render(TrainingSnapshot snapshot) {
        String title = "Training Runs — final loss, lower is better";
        var unavailable = Panel.unavailable(snapshot.source(Source.TRAINING_FEEDBACK), Source.TRAINING_FEEDBACK.fileName());
        if (unavailable.isPresent()) {
            return Panel.of("training-runs", title, Panel.empty(unavailable.get()));
        }
        List<TrainingRun> best = bestRuns(snapshot.trainingFeedback().orElseThrow());
        if (best.isEmpty()) {
            return Panel.of("training-runs", title, Panel.empty("No completed training runs yet."));
        }
        double max = best.getLast().finalLoss().orElseThrow();
        double top = max <= 0 ? 1 : max * 1.1;
        Svg svg = Svg.withSlantedLabels("training-runs", "Final loss of the best completed training runs").yAxis(0, top, 4, "");
        double slot = Svg.plotWidth() / best.size();
        double barWidth = Math.min(40, slot * 0.7);
        int labelStride = Svg.labelStride(slot);
        for (int i = 0; i < best.size(); i++) {
            TrainingRun run = best.get(i);
            double loss = run.finalLoss().orElseThrow();
            double x = Svg.LEFT + slot * i + (slot - barWidth) / 2;
            double y = Svg.y(loss, 0, top);
            svg.rect(x, y, barWidth, Svg.HEIGHT - Svg.BOTTOM - y, "bar", run.id() + " (" + run.model() + "): loss " + Svg.format(loss));
            svg.text(x + barWidth / 2, y - 4, "middle", "value", Svg.format(loss));
            if (i % labelStride == 0) {
                svg.slantedLabel(x + barWidth / 2, run.id());
            }
        }
        return Panel.of("training-runs", title, svg.close());
    }
}
