package dev.hafs.exporter.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The malformed records a parse left out: how many, and why for the first of them. A file of a
 * million wrong records keeps a count and {@value #MAX_MESSAGES} messages, not a million.
 */
public record SkippedRecords(long count, List<String> firstMessages) {
    public static final int MAX_MESSAGES = 100;
    public static final SkippedRecords NONE = new SkippedRecords(0, List.of());

    public SkippedRecords {
        firstMessages = List.copyOf(firstMessages);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Collects while a file is parsed; a message is only built while there is room for it. */
    public static final class Builder {
        private final List<String> messages = new ArrayList<>();
        private long count;

        void add(RecordFields record) {
            if (messages.size() < MAX_MESSAGES) {
                messages.add(record.describeProblems());
            }
            count++;
        }

        /** A record the caller already described, such as a dataset folder that is missing a file. */
        public void add(String message) {
            if (messages.size() < MAX_MESSAGES) {
                messages.add(message);
            }
            count++;
        }

        public SkippedRecords build() {
            return new SkippedRecords(count, messages);
        }
    }
}
