package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What one parsed HAFS source holds; one implementation per kind of source. */
public sealed interface SourceData permits QualityFeedback, ActiveLearning, TrainingFeedback, StatusFile, Datasets {
    /** The source's own "last updated" time (a file's last_updated field), read in the exporter's time zone. */
    Optional<Instant> lastUpdated();

    /** Records left out by a cap, for every kind this source has, 0 included. */
    Map<CappedKind, Long> recordsCapped();

    default long capped(CappedKind kind) {
        return recordsCapped().getOrDefault(kind, 0L);
    }
}
