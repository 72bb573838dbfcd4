package dev.hafs.exporter.parse;

/** What one parsed HAFS file holds; one implementation per file. */
public sealed interface SourceData permits QualityFeedback, ActiveLearning, TrainingFeedback {
}
