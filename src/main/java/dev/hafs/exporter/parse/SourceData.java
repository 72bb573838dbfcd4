package dev.hafs.exporter.parse;

import java.util.Map;

/** What one parsed HAFS file holds; one implementation per file. */
public sealed interface SourceData permits QualityFeedback, ActiveLearning, TrainingFeedback {
    /** Records left out by the {@link RecordLimits}, by kind ("runs", "generators", ...); every kind listed, 0 included. */
    Map<String, Long> recordsLeftOut();
}
