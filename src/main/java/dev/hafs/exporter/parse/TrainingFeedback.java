package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** training_feedback.json: the runs (in file order) and how much each domain helped. */
public record TrainingFeedback(
        List<TrainingRun> runs,
        Map<String, Double> domainEffectiveness,
        Optional<Instant> lastUpdated) implements SourceData {

    public TrainingFeedback {
        runs = List.copyOf(runs);
        domainEffectiveness = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(domainEffectiveness));
    }

    public long completedRuns() {
        return runs.stream().filter(TrainingRun::completed).count();
    }

    public long runningRuns() {
        return runs.size() - completedRuns();
    }
}
