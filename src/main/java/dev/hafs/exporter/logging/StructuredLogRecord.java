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
        if (keyValues.size() % 2 != 0) {
            throw new IllegalArgumentException("log fields come in key/value pairs: " + keyValues);
        }
        this.keyValues = new ArrayList<>(keyValues);
    }

    List<Object> keyValues() {
        return keyValues;
    }
}
