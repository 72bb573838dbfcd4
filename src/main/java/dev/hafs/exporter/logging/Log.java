package dev.hafs.exporter.logging;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Structured log lines over java.util.logging, which Helidon logs through too, so every line the
 * process prints has one format: a message plus key=value fields.
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
        log(Level.FINE, message, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARNING, message, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log(Level.SEVERE, message, keyValues);
    }

    private void log(Level level, String message, Object... keyValues) {
        if (!logger.isLoggable(level)) {
            return;
        }
        StructuredLogRecord record = new StructuredLogRecord(level, message, List.of(keyValues));
        record.setLoggerName(logger.getName());
        logger.log(record);
    }
}
