package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.SourceFile;
import java.util.Map;

/** The parser of each source file. */
public final class SourceParsers {
    private SourceParsers() {
    }

    public static Map<SourceFile, SourceParser> forEachFile(int historyWindow, HafsTimestamps timestamps) {
        return Map.of(
                SourceFile.QUALITY_FEEDBACK, new QualityFeedbackParser(historyWindow, timestamps),
                SourceFile.ACTIVE_LEARNING, new ActiveLearningParser(timestamps),
                SourceFile.TRAINING_FEEDBACK, new TrainingFeedbackParser(timestamps));
    }
}
