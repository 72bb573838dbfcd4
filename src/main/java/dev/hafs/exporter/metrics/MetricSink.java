package dev.hafs.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Collects the families that the per-file translators fill, keeping only those with samples. */
final class MetricSink {
    private final List<MetricSnapshot> snapshots = new ArrayList<>();

    void add(Family... families) {
        for (Family family : families) {
            family.build().ifPresent(snapshots::add);
        }
    }

    void addAll(List<MetricSnapshot> families) {
        snapshots.addAll(families);
    }

    List<MetricSnapshot> snapshots() {
        return snapshots;
    }

    /** The series these families put on /metrics: one per data point. */
    static int series(List<MetricSnapshot> families) {
        int series = 0;
        for (MetricSnapshot family : families) {
            series += family.getDataPoints().size();
        }
        return series;
    }
}
