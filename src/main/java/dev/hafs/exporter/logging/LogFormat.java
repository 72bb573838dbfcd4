package dev.hafs.exporter.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** The two line formats Prometheus's own tools offer: logfmt and JSON, one record per line. */
public enum LogFormat {
    LOGFMT {
        @Override
        String render(List<String[]> fields) {
            StringBuilder line = new StringBuilder();
            for (String[] field : fields) {
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(field[0]).append('=').append(logfmtValue(field[1]));
            }
            return line.append('\n').toString();
        }
    },
    JSON {
        @Override
        String render(List<String[]> fields) {
            StringBuilder line = new StringBuilder("{");
            for (String[] field : fields) {
                if (line.length() > 1) {
                    line.append(',');
                }
                line.append(jsonString(field[0])).append(':').append(jsonString(field[1]));
            }
            return line.append("}\n").toString();
        }
    };

    abstract String render(List<String[]> fields);

    public Formatter formatter() {
        return new Formatter() {
            @Override
            public String format(LogRecord record) {
                List<String[]> fields = new ArrayList<>();
                fields.add(new String[] {"ts", Instant.ofEpochMilli(record.getMillis()).toString()});
                fields.add(new String[] {"level", levelName(record.getLevel())});
                fields.add(new String[] {"logger", shortName(record.getLoggerName())});
                fields.add(new String[] {"msg", formatMessage(record)});
                if (record instanceof StructuredLogRecord structured) {
                    List<Object> keyValues = structured.keyValues();
                    for (int i = 0; i < keyValues.size(); i += 2) {
                        fields.add(new String[] {String.valueOf(keyValues.get(i)), String.valueOf(keyValues.get(i + 1))});
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    fields.add(new String[] {"err", trace.toString()});
                }
                return render(fields);
            }
        };
    }

    public static LogFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "logfmt" -> LOGFMT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown log format \"" + text + "\" (logfmt or json)");
        };
    }

    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }

    private static String shortName(String loggerName) {
        if (loggerName == null) {
            return "";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    private static String logfmtValue(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
        }
        if (plain) {
            return value;
        }
        return jsonString(value);
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
