package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What one parsed HAFS file holds; one implementation per file. */
public sealed interface SourceData permits QualityFeedback, ActiveLearning, TrainingFeedback {
    /** The file's own {@code last_updated} field, read in the exporter's time zone. */
    Optional<Instant> lastUpdated();

    /** Records left out by a cap, for every kind this file has, 0 included. */
    Map<CappedKind, Long> recordsCapped();

    default long capped(CappedKind kind) {
        return recordsCapped().getOrDefault(kind, 0L);
    }
}
