package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.SourceFile;
import java.util.Map;

/** The parser of each source file. */
public final class SourceParsers {
    private SourceParsers() {
    }

    public static Map<SourceFile, SourceParser> forEachFile(int historyWindow, RecordLimits limits,
            HafsTimestamps timestamps) {
        return Map.of(
                SourceFile.QUALITY_FEEDBACK, new QualityFeedbackParser(historyWindow, limits, timestamps),
                SourceFile.ACTIVE_LEARNING, new ActiveLearningParser(limits, timestamps),
                SourceFile.TRAINING_FEEDBACK, new TrainingFeedbackParser(limits, timestamps));
    }
}
