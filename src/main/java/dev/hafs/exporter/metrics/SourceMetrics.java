package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.CappedKind;
import dev.hafs.exporter.parse.SourceData;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.Comparator;
import java.util.Map;

/** The exporter's view of each source: is it there, is it loaded, how often did loading fail and why. */
final class SourceMetrics {
    private SourceMetrics() {
    }

    static void translate(TrainingSnapshot snapshot, MetricSink sink) {
        Family up = Family.gauge("hafs_source_up",
                "1 when the file exists and its current content is loaded, else 0 (missing, or failing to load).", "file");
        Family present = Family.gauge("hafs_source_present", "1 when the file exists in the training directory.", "file");
        Family lastSuccess = Family.gauge("hafs_source_last_success_timestamp_seconds",
                "When the file was last loaded successfully by this exporter.", "file");
        Family lastUpdated = Family.gauge("hafs_source_last_updated_timestamp_seconds",
                "The file's own last_updated field (zone-less, read in the exporter's time zone).", "file");
        Family skipped = Family.gauge("hafs_source_records_skipped",
                "Malformed records left out of the loaded content of the file (the rest is served).", "file");
        Family capped = Family.gauge("hafs_source_records_capped",
                "Records of the loaded content left out by a cap, by kind (--runs.limit, --generators.limit, --regions.limit, --datasets.limit; the README lists every cap).",
                "file", "kind");
        Family loads = Family.counter("hafs_source_loads_total", "Successful loads of the file.", "file");
        Family failures = Family.counter("hafs_source_load_failures_total",
                "Loads of the file that failed and stayed failed after retries, by reason.", "file", "reason");
        for (Source source : Source.values()) {
            SourceState state = snapshot.source(source);
            SourceStatus status = state.status();
            String name = source.fileName();
            if (status.health() != SourceHealth.NOT_SCANNED) {
                up.add(status.health() == SourceHealth.LOADED ? 1 : 0, name);
                present.add(status.present() ? 1 : 0, name);
            }
            status.lastSuccess().ifPresent(at -> lastSuccess.add(at.toEpochMilli() / 1000.0, name));
            state.data().flatMap(SourceData::lastUpdated)
                    .ifPresent(at -> lastUpdated.add(at.toEpochMilli() / 1000.0, name));
            state.data().ifPresent(data -> {
                skipped.add(status.skippedRecords().count(), name);
                data.recordsCapped().entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<CappedKind, Long> entry) -> entry.getKey().label()))
                        .forEach(entry -> capped.add(entry.getValue(), name, entry.getKey().label()));
            });
            loads.add(status.loads(), name);
            for (FailureReason reason : FailureReason.values()) {
                failures.add(status.failures().get(reason), name, reason.label());
            }
        }
        sink.add(up, present, lastSuccess, lastUpdated, skipped, capped, loads, failures);
    }
}
