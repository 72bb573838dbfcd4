package dev.hafs.exporter.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Points java.util.logging (ours and Helidon's) at standard error in the chosen format and level,
 * and turns whatever else is printed to System.err into log records, so that every line on
 * standard error is a record an operator's log pipeline can parse.
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static Level parseLevel(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> throw new IllegalArgumentException("unknown log level \"" + text + "\" (debug, info, warn or error)");
        };
    }

    public static void configure(Level level, LogFormat format) {
        PrintStream err = System.err;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        // The file descriptor itself, not System.err: System.err is captured below and feeds this handler.
        Handler handler = new StreamHandler(new FileOutputStream(FileDescriptor.err), format.formatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            /** Standard error stays open: the JVM's logging shutdown closes handlers before other code has finished. */
            @Override
            public synchronized void close() {
                flush();
            }
        };
        try {
            handler.setEncoding(err.charset().name());
        } catch (java.io.UnsupportedEncodingException e) {
            // The charset System.err already uses is supported.
        }
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
        // Helidon and Micrometer are chatty at debug; the operator asked about this exporter.
        Logger.getLogger("io.helidon").setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
        if (!(err instanceof StandardErrorCapture.CapturingPrintStream)) {
            System.setErr(new StandardErrorCapture.CapturingPrintStream(err.charset()));
        }
    }
}
