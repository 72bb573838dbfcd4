package dev.hafs.exporter.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** A log record that carries key/value fields beside its message. */
final class StructuredLogRecord extends LogRecord {
    private final transient List<Object> keyValues;

    StructuredLogRecord(Level level, String message, List<Object> keyValues) {
        super(level, message);
        this.keyValues = new ArrayList<>(keyValues);
        if (this.keyValues.size() % 2 != 0) {
            // A key without its value still shows, rather than the whole line failing.
            this.keyValues.add("");
        }
    }

    List<Object> keyValues() {
        return keyValues;
    }
}
