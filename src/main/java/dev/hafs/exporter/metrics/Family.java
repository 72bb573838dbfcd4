package dev.hafs.exporter.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One metric family being filled from a snapshot: a name, help, label names, and samples. Counters
 * and info metrics are named with their {@code _total} and {@code _info} here, as they appear on
 * /metrics; the exposition adds them back.
 */
final class Family {
    private enum Type { GAUGE, COUNTER, INFO }

    private static final String TOTAL = "_total";
    private static final String INFO = "_info";

    private final Type type;
    private final String name;
    private final String help;
    private final String[] labelNames;
    private final List<GaugeSnapshot.GaugeDataPointSnapshot> gaugePoints = new ArrayList<>();
    private final List<CounterSnapshot.CounterDataPointSnapshot> counterPoints = new ArrayList<>();
    private final List<InfoSnapshot.InfoDataPointSnapshot> infoPoints = new ArrayList<>();

    private Family(Type type, String name, String help, String... labelNames) {
        this.type = type;
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
    }

    static Family gauge(String name, String help, String... labelNames) {
        return new Family(Type.GAUGE, name, help, labelNames);
    }

    static Family counter(String name, String help, String... labelNames) {
        if (!name.endsWith(TOTAL)) {
            throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        }
        return new Family(Type.COUNTER, name.substring(0, name.length() - TOTAL.length()), help, labelNames);
    }

    /** An info metric (always 1, the labels are the information), named with its {@code _info} as on /metrics. */
    static Family info(String name, String help, String... labelNames) {
        if (!name.endsWith(INFO)) {
            throw new IllegalArgumentException("an info metric's name ends in _info: " + name);
        }
        return new Family(Type.INFO, name.substring(0, name.length() - INFO.length()), help, labelNames);
    }

    Family add(double value, String... labelValues) {
        Labels labels = labelNames.length == 0 ? Labels.EMPTY : Labels.of(labelNames, labelValues);
        switch (type) {
            case GAUGE -> gaugePoints.add(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
            case COUNTER -> counterPoints.add(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build());
            case INFO -> {
                if (value != 1) {
                    throw new IllegalArgumentException("an info metric's value is 1");
                }
                infoPoints.add(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels).build());
            }
        }
        return this;
    }

    /** Nothing when the family has no samples: an empty family is noise on /metrics. */
    Optional<MetricSnapshot> build() {
        MetricMetadata metadata = new MetricMetadata(name, help, unit());
        return switch (type) {
            case GAUGE -> gaugePoints.isEmpty() ? Optional.empty() : Optional.of(new GaugeSnapshot(metadata, gaugePoints));
            case COUNTER -> counterPoints.isEmpty() ? Optional.empty() : Optional.of(new CounterSnapshot(metadata, counterPoints));
            case INFO -> infoPoints.isEmpty() ? Optional.empty() : Optional.of(new InfoSnapshot(metadata, infoPoints));
        };
    }

    private Unit unit() {
        return name.endsWith("_seconds") ? Unit.SECONDS : name.endsWith("_bytes") ? Unit.BYTES : null;
    }
}
