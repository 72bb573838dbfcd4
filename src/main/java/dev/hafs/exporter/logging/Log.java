package dev.hafs.exporter.logging;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Structured log lines over java.util.logging, which Helidon logs through too, so every line the
 * process prints has one format: a message plus key=value fields. A log call never throws: it is
 * often the last thing a failing thread does, and a null value or a missing one must not turn a
 * report into a second failure.
 */
public final class Log {
    private final Logger logger;

    private Log(Logger logger) {
        this.logger = logger;
    }

    public static Log of(Class<?> owner) {
        return new Log(Logger.getLogger(owner.getName()));
    }

    public void debug(String message, Object... keyValues) {
        log(Level.FINE, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARNING, message, null, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log(Level.SEVERE, message, null, keyValues);
    }

    /** An error with the stack trace of what caused it, in the record's {@code err} field. */
    public void error(String message, Throwable cause, Object... keyValues) {
        log(Level.SEVERE, message, cause, keyValues);
    }

    private void log(Level level, String message, Throwable cause, Object... keyValues) {
        if (!logger.isLoggable(level)) {
            return;
        }
        // Arrays.asList, unlike List.of, takes null values.
        StructuredLogRecord record = new StructuredLogRecord(level, message,
                keyValues == null ? java.util.List.of() : Arrays.asList(keyValues));
        record.setLoggerName(logger.getName());
        record.setThrown(cause);
        logger.log(record);
    }
}
