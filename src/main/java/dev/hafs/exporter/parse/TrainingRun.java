package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A run is still going while HAFS has written no final loss for it ({@code null}). */
public record TrainingRun(
        String id,
        String model,
        String baseModel,
        Optional<Double> samplesCount,
        Optional<Double> finalLoss,
        Optional<Instant> startTime,
        Optional<Instant> endTime,
        Map<String, Double> evalMetrics,
        Map<String, Double> domainDistribution) {

    public TrainingRun {
        evalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(evalMetrics));
        domainDistribution = Collections.unmodifiableMap(new LinkedHashMap<>(domainDistribution));
    }

    public boolean completed() {
        return finalLoss.isPresent();
    }

    TrainingRun withFirstEvalMetrics(int count) {
        return new TrainingRun(id, model, baseModel, samplesCount, finalLoss, startTime, endTime,
                NamedNumbers.first(evalMetrics, count), domainDistribution);
    }

    TrainingRun withFirstDomains(int count) {
        return new TrainingRun(id, model, baseModel, samplesCount, finalLoss, startTime, endTime, evalMetrics,
                NamedNumbers.first(domainDistribution, count));
    }
}
