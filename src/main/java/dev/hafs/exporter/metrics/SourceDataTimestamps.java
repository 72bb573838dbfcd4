package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.SourceData;
import dev.hafs.exporter.parse.TrainingFeedback;
import java.time.Instant;
import java.util.Optional;

/** Every HAFS file carries a last_updated field; this reads it whatever the file. */
final class SourceDataTimestamps {
    private SourceDataTimestamps() {
    }

    static Optional<Instant> lastUpdated(SourceData data) {
        return switch (data) {
            case QualityFeedback quality -> quality.lastUpdated();
            case ActiveLearning learning -> learning.lastUpdated();
            case TrainingFeedback training -> training.lastUpdated();
        };
    }
}
