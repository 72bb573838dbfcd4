package dev.hafs.exporter.metrics;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * Serves the HAFS data to the Prometheus registry behind Micrometer. A scrape reads the snapshot
 * reference once, so every series of one scrape comes from one version of every file; the
 * families are built once per snapshot and reused by every scrape until the next reload.
 */
public final class TrainingSnapshotCollector implements MultiCollector {
    private final SnapshotStore store;
    private final MetricSnapshot buildInfo;
    private volatile Translated translated;

    private record Translated(TrainingSnapshot source, MetricSnapshots families) {
    }

    public TrainingSnapshotCollector(SnapshotStore store, BuildInfo build) {
        this.store = store;
        this.buildInfo = new InfoSnapshot(new MetricMetadata("hafs_exporter_build",
                "Version and git revision of the running hafs-training-exporter; always 1."),
                List.of(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", build.version(), "revision", build.revision()))
                        .build()));
    }

    @Override
    public MetricSnapshots collect() {
        TrainingSnapshot snapshot = store.current();
        Translated last = translated;
        if (last != null && last.source() == snapshot) {
            return last.families();
        }
        Translated fresh = new Translated(snapshot, translate(snapshot));
        translated = fresh;
        return fresh.families();
    }

    private MetricSnapshots translate(TrainingSnapshot snapshot) {
        MetricSink sink = new MetricSink();
        snapshot.qualityFeedback().ifPresent(quality -> QualityFeedbackMetrics.describe(quality, sink));
        snapshot.activeLearning().ifPresent(learning -> ActiveLearningMetrics.describe(learning, sink));
        snapshot.trainingFeedback().ifPresent(training -> TrainingFeedbackMetrics.describe(training, sink));
        SourceMetrics.describe(snapshot, sink);
        sink.snapshots().add(buildInfo);
        return new MetricSnapshots(sink.snapshots());
    }
}
