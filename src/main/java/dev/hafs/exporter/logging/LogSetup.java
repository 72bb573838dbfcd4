package dev.hafs.exporter.logging;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Points java.util.logging (ours and Helidon's) at standard error in the chosen format and level. */
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
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(format.formatter());
        root.addHandler(handler);
        root.setLevel(level);
        // Helidon and Micrometer are chatty at debug; the operator asked about this exporter.
        Logger.getLogger("io.helidon").setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
    }
}
