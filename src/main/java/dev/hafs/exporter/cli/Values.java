package dev.hafs.exporter.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Flag values in the notations Prometheus users know: durations like 5s or 500ms, sizes like 256MiB. */
public final class Values {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    private Values() {
    }

    public static Duration duration(String flag, String text) throws UsageException {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new UsageException("--" + flag + ": \"" + text + "\" is not a duration (e.g. 500ms, 5s, 1m)");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new UsageException("--" + flag + " must be longer than 0");
        }
        return duration;
    }

    public static long bytes(String flag, String text) throws UsageException {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new UsageException("--" + flag + ": \"" + text + "\" is not a size (e.g. 1048576, 64MiB, 1GB)");
        }
        long multiplier = switch (matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1L;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
            if (bytes <= 0) {
                throw new UsageException("--" + flag + " must be more than 0 bytes");
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageException("--" + flag + ": \"" + text + "\" is too large");
        }
    }

    public static int positiveInt(String flag, String text) throws UsageException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 1) {
                throw new UsageException("--" + flag + " must be at least 1, got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + ": \"" + text + "\" is not a whole number");
        }
    }
}
