package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * training_feedback.json: the kept runs (in file order), the run counts over all runs, and how much
 * each domain helped.
 */
public record TrainingFeedback(
        List<TrainingRun> runs,
        long completedRuns,
        long runningRuns,
        Map<String, Double> domainEffectiveness,
        Optional<Instant> lastUpdated,
        long runsLeftOut) implements SourceData {

    public TrainingFeedback {
        runs = List.copyOf(runs);
        domainEffectiveness = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(domainEffectiveness));
    }

    @Override
    public Map<String, Long> recordsLeftOut() {
        return Map.of("runs", runsLeftOut);
    }
}
