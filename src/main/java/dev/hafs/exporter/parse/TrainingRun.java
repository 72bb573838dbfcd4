package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A run is still going while HAFS has written no final loss for it ({@code null}). */
public record TrainingRun(
        String id,
        String model,
        Optional<Double> samplesCount,
        Optional<Double> finalLoss,
        Optional<Instant> startTime,
        Optional<Instant> endTime,
        Map<String, Double> evalMetrics) {

    public TrainingRun {
        evalMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evalMetrics));
    }

    public boolean completed() {
        return finalLoss.isPresent();
    }
}
