package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * training_feedback.json: the kept runs (in file order), the run counts over all runs, how much
 * each domain helped, and how well each quality threshold worked.
 */
public record TrainingFeedback(
        List<TrainingRun> runs,
        long completedRuns,
        long runningRuns,
        Map<String, Double> domainEffectiveness,
        Map<String, Double> thresholdEffectiveness,
        Optional<Instant> lastUpdated,
        Map<CappedKind, Long> recordsCapped) implements SourceData {

    public TrainingFeedback {
        runs = List.copyOf(runs);
        domainEffectiveness = Collections.unmodifiableMap(new LinkedHashMap<>(domainEffectiveness));
        thresholdEffectiveness = Collections.unmodifiableMap(new LinkedHashMap<>(thresholdEffectiveness));
        recordsCapped = CappedKind.copyOf(recordsCapped);
    }
}
