package dev.hafs.exporter.testing;

import dev.hafs.exporter.logging.LogFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger emits, rendered as the exporter prints them (logfmt), for tests that
 * assert what an operator reads. Attach in a test, close after it.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        setFormatter(LogFormat.LOGFMT.formatter());
        setLevel(Level.ALL);
    }

    public static CapturedLog of(Class<?> owner) {
        CapturedLog captured = new CapturedLog(Logger.getLogger(owner.getName()));
        captured.logger.addHandler(captured);
        return captured;
    }

    /** Each record as one logfmt line. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> linesWith(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(getFormatter().format(record).stripTrailing());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
