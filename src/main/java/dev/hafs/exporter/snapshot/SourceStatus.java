package dev.hafs.exporter.snapshot;

import dev.hafs.exporter.parse.SkippedRecords;
import dev.hafs.exporter.read.Source;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The loading history of one source: its health and since when, the last problem, and the counters
 * the exporter keeps about it. Every transition returns a new value; nothing here is mutated.
 */
public record SourceStatus(
        Source source,
        SourceHealth health,
        Optional<String> problem,
        Instant since,
        Optional<Instant> lastSuccess,
        long loads,
        Map<FailureReason, Long> failures,
        SkippedRecords skippedRecords) {

    public SourceStatus {
        EnumMap<FailureReason, Long> copy = new EnumMap<>(FailureReason.class);
        for (FailureReason reason : FailureReason.values()) {
            copy.put(reason, failures.getOrDefault(reason, 0L));
        }
        failures = Collections.unmodifiableMap(copy);
    }

    public static SourceStatus notScanned(Source source, Instant now) {
        return new SourceStatus(source, SourceHealth.NOT_SCANNED, Optional.empty(), now, Optional.empty(), 0,
                Map.of(), SkippedRecords.NONE);
    }

    public SourceStatus loaded(Instant now, SkippedRecords skipped) {
        return new SourceStatus(source, SourceHealth.LOADED, Optional.empty(), sinceFor(SourceHealth.LOADED, now),
                Optional.of(now), loads + 1, failures, skipped);
    }

    public SourceStatus missing(Instant now) {
        return new SourceStatus(source, SourceHealth.MISSING, Optional.empty(), sinceFor(SourceHealth.MISSING, now),
                lastSuccess, loads, failures, SkippedRecords.NONE);
    }

    public SourceStatus failing(Instant now, FailureReason reason, String problem) {
        EnumMap<FailureReason, Long> counted = new EnumMap<>(failures);
        counted.merge(reason, 1L, Long::sum);
        return new SourceStatus(source, SourceHealth.FAILING, Optional.of(reason.label() + ": " + problem),
                sinceFor(SourceHealth.FAILING, now), lastSuccess, loads, counted, skippedRecords);
    }

    public long totalFailures() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean present() {
        return health == SourceHealth.LOADED || health == SourceHealth.FAILING;
    }

    private Instant sinceFor(SourceHealth next, Instant now) {
        return next == health ? since : now;
    }
}
