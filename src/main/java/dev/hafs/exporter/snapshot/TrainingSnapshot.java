package dev.hafs.exporter.snapshot;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.SourceData;
import dev.hafs.exporter.parse.TrainingFeedback;
import dev.hafs.exporter.read.SourceFile;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the exporter knows at one moment, immutable. A reload builds a new snapshot and swaps
 * one reference, so whoever reads a snapshot sees one consistent version of every file.
 * {@code unhealthy} says why a pipeline thread could not go on: the exporter no longer follows
 * the files, so /-/healthy must stop saying it does while the process shuts down.
 */
public record TrainingSnapshot(boolean initialScanComplete, Map<SourceFile, SourceState> sources,
        Optional<String> unhealthy) {

    public TrainingSnapshot {
        EnumMap<SourceFile, SourceState> copy = new EnumMap<>(SourceFile.class);
        copy.putAll(sources);
        if (copy.size() != SourceFile.values().length) {
            throw new IllegalArgumentException("a snapshot has a state for every source file");
        }
        sources = Collections.unmodifiableMap(copy);
    }

    public TrainingSnapshot(boolean initialScanComplete, Map<SourceFile, SourceState> sources) {
        this(initialScanComplete, sources, Optional.empty());
    }

    public static TrainingSnapshot initial(Instant now) {
        EnumMap<SourceFile, SourceState> sources = new EnumMap<>(SourceFile.class);
        for (SourceFile file : SourceFile.values()) {
            sources.put(file, new SourceState(SourceStatus.notScanned(file, now), Optional.empty()));
        }
        return new TrainingSnapshot(false, sources);
    }

    public SourceState source(SourceFile file) {
        return sources.get(file);
    }

    public TrainingSnapshot with(SourceFile file, SourceState state) {
        EnumMap<SourceFile, SourceState> next = new EnumMap<>(sources);
        next.put(file, state);
        return new TrainingSnapshot(initialScanComplete, next, unhealthy);
    }

    public TrainingSnapshot withInitialScanComplete() {
        return new TrainingSnapshot(true, sources, unhealthy);
    }

    /** The first reason sticks: it is the cause, later ones are consequences. */
    public TrainingSnapshot withUnhealthy(String reason) {
        return unhealthy.isPresent() ? this : new TrainingSnapshot(initialScanComplete, sources, Optional.of(reason));
    }

    public Optional<QualityFeedback> qualityFeedback() {
        return data(SourceFile.QUALITY_FEEDBACK, QualityFeedback.class);
    }

    public Optional<ActiveLearning> activeLearning() {
        return data(SourceFile.ACTIVE_LEARNING, ActiveLearning.class);
    }

    public Optional<TrainingFeedback> trainingFeedback() {
        return data(SourceFile.TRAINING_FEEDBACK, TrainingFeedback.class);
    }

    private <T extends SourceData> Optional<T> data(SourceFile file, Class<T> type) {
        return sources.get(file).data().filter(type::isInstance).map(type::cast);
    }
}
