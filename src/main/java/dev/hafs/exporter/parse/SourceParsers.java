package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.Source;
import java.util.EnumMap;
import java.util.Map;

/** The parser of each JSON file among the sources (the datasets directory is read folder by folder). */
public final class SourceParsers {
    private SourceParsers() {
    }

    public static Map<Source, SourceParser> forEachFile(int historyWindow, RecordLimits limits, HafsTimestamps timestamps) {
        Map<Source, SourceParser> parsers = new EnumMap<>(Source.class);
        parsers.put(Source.QUALITY_FEEDBACK, new QualityFeedbackParser(historyWindow, limits, timestamps));
        parsers.put(Source.ACTIVE_LEARNING, new ActiveLearningParser(limits, timestamps));
        parsers.put(Source.TRAINING_FEEDBACK, new TrainingFeedbackParser(limits, timestamps));
        for (Source status : StatusField.sources()) {
            parsers.put(status, new StatusFileParser(status, timestamps));
        }
        return Map.copyOf(parsers);
    }
}
