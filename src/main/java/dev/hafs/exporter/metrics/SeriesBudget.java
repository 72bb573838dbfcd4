package dev.hafs.exporter.metrics;

import dev.hafs.exporter.snapshot.SnapshotAdmission;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The series budget (--series.limit): a reload whose content would put more HAFS series on /metrics
 * than the limit is refused before it is swapped in, so one runaway file cannot flood Prometheus or
 * the heap, and the last good content stays. The count is the real translation, which the
 * collector then serves as it is: admitting a file costs no second translation.
 */
public final class SeriesBudget implements SnapshotAdmission {
    public static final String FLAG = "series.limit";

    private final TrainingSnapshotCollector collector;
    private final int limit;

    public SeriesBudget(TrainingSnapshotCollector collector, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("--" + FLAG + " must be at least 1");
        }
        this.collector = collector;
        this.limit = limit;
    }

    @Override
    public Optional<String> refusal(TrainingSnapshot candidate) {
        TrainingSnapshotCollector.Translation translation = collector.translate(candidate);
        int series = translation.series();
        if (series <= limit) {
            collector.admit(translation);
            return Optional.empty();
        }
        String culprits = translation.translatedNow().stream()
                .map(file -> file.fileName() + " would put " + translation.files().get(file).series() + " series on /metrics")
                .collect(Collectors.joining(", "));
        return Optional.of((culprits.isEmpty() ? "the training files would put " + series + " series on /metrics" : culprits)
                + " (" + series + " HAFS series in all), more than --" + FLAG + "=" + limit
                + "; raise --" + FLAG + " to serve it");
    }
}
