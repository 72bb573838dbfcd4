package dev.hafs.exporter.metrics;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HAFS families of the current snapshot, for the Prometheus registry that {@link ScrapeBodies}
 * scrapes. A collect reads the snapshot reference once, so every series of one scrape comes from
 * one version of every file. A file's content is translated once, when the reload admits it
 * ({@link SeriesBudget}), and reused by every scrape until the file changes; only the few series
 * about the files themselves (up, loads, failures) are rebuilt for each new snapshot.
 */
public final class TrainingSnapshotCollector implements MultiCollector {
    private final SnapshotStore store;
    private final MetricSnapshot buildInfo;
    /** Translations of the content last admitted, per file; written by the reload thread only. */
    private volatile Map<Source, FileFamilies> admitted = Map.of();
    private volatile Collected collected;

    private record Collected(TrainingSnapshot snapshot, MetricSnapshots families) {
    }

    /** What a snapshot puts on /metrics: each loaded file's families, then the exporter's own. */
    record Translation(Map<Source, FileFamilies> files, Set<Source> translatedNow, List<MetricSnapshot> exporterFamilies) {
        int series() {
            return files.values().stream().mapToInt(FileFamilies::series).sum() + MetricSink.series(exporterFamilies);
        }

        List<MetricSnapshot> families() {
            List<MetricSnapshot> all = new ArrayList<>(exporterFamilies);
            files.values().forEach(file -> all.addAll(file.families()));
            return all;
        }
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
        Collected last = collected;
        if (last != null && last.snapshot() == snapshot) {
            return last.families();
        }
        MetricSnapshots families = new MetricSnapshots(translate(snapshot).families());
        collected = new Collected(snapshot, families);
        return families;
    }

    TrainingSnapshot current() {
        return store.current();
    }

    /** Translates what is new in the snapshot; content admitted before is reused as it is. */
    Translation translate(TrainingSnapshot snapshot) {
        Map<Source, FileFamilies> known = admitted;
        EnumMap<Source, FileFamilies> files = new EnumMap<>(Source.class);
        Set<Source> translatedNow = EnumSet.noneOf(Source.class);
        for (Source source : Source.values()) {
            snapshot.source(source).data().ifPresent(data -> {
                FileFamilies before = known.get(source);
                if (before != null && before.translates(data)) {
                    files.put(source, before);
                } else {
                    files.put(source, FileFamilies.of(data));
                    translatedNow.add(source);
                }
            });
        }
        MetricSink sink = new MetricSink();
        SourceMetrics.translate(snapshot, sink);
        CampaignProcessMetrics.translate(snapshot, sink);
        sink.snapshots().add(buildInfo);
        return new Translation(files, translatedNow, List.copyOf(sink.snapshots()));
    }

    /** The reloader is about to swap this snapshot in: scrapes reuse its translation from now on. */
    void admit(Translation translation) {
        admitted = Map.copyOf(translation.files());
    }
}
