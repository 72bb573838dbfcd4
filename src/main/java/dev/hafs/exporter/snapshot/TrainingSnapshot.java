package dev.hafs.exporter.snapshot;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.Datasets;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.SourceData;
import dev.hafs.exporter.parse.StatusFile;
import dev.hafs.exporter.parse.TrainingFeedback;
import dev.hafs.exporter.read.Source;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the exporter knows at one moment, immutable. A reload builds a new snapshot and swaps
 * one reference, so whoever reads a snapshot sees one consistent version of every source.
 * {@code campaignProcess} is the last check of the campaign's pid (none without a pid);
 * {@code unhealthy} says why a pipeline thread could not go on: the exporter no longer follows
 * the files, so /-/healthy must stop saying it does while the process shuts down.
 */
public record TrainingSnapshot(boolean initialScanComplete, Map<Source, SourceState> sources,
        Optional<CampaignProcess> campaignProcess, Optional<String> unhealthy) {

    public TrainingSnapshot {
        EnumMap<Source, SourceState> copy = new EnumMap<>(Source.class);
        copy.putAll(sources);
        if (copy.size() != Source.values().length) {
            throw new IllegalArgumentException("a snapshot has a state for every source");
        }
        sources = Collections.unmodifiableMap(copy);
    }

    public TrainingSnapshot(boolean initialScanComplete, Map<Source, SourceState> sources) {
        this(initialScanComplete, sources, Optional.empty(), Optional.empty());
    }

    public static TrainingSnapshot initial(Instant now) {
        EnumMap<Source, SourceState> sources = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            sources.put(source, new SourceState(SourceStatus.notScanned(source, now), Optional.empty()));
        }
        return new TrainingSnapshot(false, sources);
    }

    public SourceState source(Source source) {
        return sources.get(source);
    }

    public TrainingSnapshot with(Source source, SourceState state) {
        EnumMap<Source, SourceState> next = new EnumMap<>(sources);
        next.put(source, state);
        return new TrainingSnapshot(initialScanComplete, next, campaignProcess, unhealthy);
    }

    public TrainingSnapshot withCampaignProcess(Optional<CampaignProcess> process) {
        return new TrainingSnapshot(initialScanComplete, sources, process, unhealthy);
    }

    public TrainingSnapshot withInitialScanComplete() {
        return new TrainingSnapshot(true, sources, campaignProcess, unhealthy);
    }

    /** The first reason sticks: it is the cause, later ones are consequences. */
    public TrainingSnapshot withUnhealthy(String reason) {
        return unhealthy.isPresent() ? this : new TrainingSnapshot(initialScanComplete, sources, campaignProcess, Optional.of(reason));
    }

    public Optional<QualityFeedback> qualityFeedback() {
        return data(Source.QUALITY_FEEDBACK, QualityFeedback.class);
    }

    public Optional<ActiveLearning> activeLearning() {
        return data(Source.ACTIVE_LEARNING, ActiveLearning.class);
    }

    public Optional<TrainingFeedback> trainingFeedback() {
        return data(Source.TRAINING_FEEDBACK, TrainingFeedback.class);
    }

    public Optional<Datasets> datasets() {
        return data(Source.DATASETS, Datasets.class);
    }

    /** One of the pilot, validation, campaign and orchestrator status files. */
    public Optional<StatusFile> statusFile(Source source) {
        return data(source, StatusFile.class);
    }

    private <T extends SourceData> Optional<T> data(Source source, Class<T> type) {
        return sources.get(source).data().filter(type::isInstance).map(type::cast);
    }
}
