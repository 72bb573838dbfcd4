package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * quality_feedback.json, reduced to what is charted: the rejection history is kept only as the last
 * window of each (domain, score) series, so memory follows the window, not the file.
 */
public record QualityFeedback(
        Map<String, Double> thresholds,
        List<GeneratorStats> generators,
        int rejectionHistoryEntries,
        List<ScoreSeries> scoreSeries,
        Optional<Instant> lastUpdated,
        Map<CappedKind, Long> recordsCapped) implements SourceData {

    public QualityFeedback {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        generators = List.copyOf(generators);
        scoreSeries = List.copyOf(scoreSeries);
        recordsCapped = CappedKind.copyOf(recordsCapped);
    }
}
