package dev.hafs.exporter.testing;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * JSON as HAFS's writers produce it: Python's {@code json.dumps(data, indent=2)}, with two-space
 * indents, {@code ": "} after names, non-ASCII escaped as {@code \\uXXXX}, {@code NaN} and
 * {@code Infinity} for such floats, and {@code datetime.now().isoformat()} timestamps.
 */
public final class PythonJson {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private PythonJson() {
    }

    /** Maps (in their order), lists, strings, numbers, booleans and null. */
    public static String dumps(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    /** {@code datetime.isoformat()}: microseconds, and none at all when they are 0. */
    public static String isoformat(LocalDateTime time) {
        String seconds = time.format(SECONDS);
        return time.getNano() / 1000 == 0 ? seconds : seconds + ".%06d".formatted(time.getNano() / 1000);
    }

    /** The {@code YYYYMMDD_HHMMSS} of dataset folder names and metadata.json's {@code created}. */
    public static String compact(LocalDateTime time) {
        return "%04d%02d%02d_%02d%02d%02d".formatted(time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(),
                time.getMinute(), time.getSecond());
    }

    private static void write(StringBuilder out, Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map when map.isEmpty() -> out.append("{}");
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(first ? "\n" : ",\n").append("  ".repeat(depth + 1));
                    string(out, String.valueOf(entry.getKey()));
                    out.append(": ");
                    write(out, entry.getValue(), depth + 1);
                    first = false;
                }
                out.append('\n').append("  ".repeat(depth)).append('}');
            }
            case List<?> list when list.isEmpty() -> out.append("[]");
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
                    write(out, list.get(i), depth + 1);
                }
                out.append('\n').append("  ".repeat(depth)).append(']');
            }
            case String text -> string(out, text);
            case Boolean flag -> out.append(flag ? "true" : "false");
            case Double number when number.isNaN() -> out.append("NaN");
            case Double number when number.isInfinite() -> out.append(number > 0 ? "Infinity" : "-Infinity");
            case Double number -> out.append(number);
            case Float number -> write(out, number.doubleValue(), depth);
            case Number number -> out.append(number.longValue());
            default -> throw new IllegalArgumentException("not JSON: " + value.getClass());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
