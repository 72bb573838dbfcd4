package dev.hafs.exporter.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the exporter's standard error as a log pipeline would: every line must be one record in the
 * chosen format, or the parse fails naming the line. A logfmt value is bare or a JSON-quoted string.
 */
public final class LogLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogLines() {
    }

    public static List<Map<String, String>> logfmt(List<String> lines) {
        return lines.stream().map(LogLines::logfmt).toList();
    }

    public static List<Map<String, String>> json(List<String> lines) {
        return lines.stream().map(LogLines::json).toList();
    }

    public static Map<String, String> logfmt(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int equals = line.indexOf('=', i);
            if (equals <= i) {
                throw new AssertionError("not logfmt (no key=value at " + i + "): " + line);
            }
            String key = line.substring(i, equals);
            if (!key.chars().allMatch(c -> c > ' ' && c != '"' && c < 0x7f)) {
                throw new AssertionError("not logfmt (bad key \"" + key + "\"): " + line);
            }
            int start = equals + 1;
            int end;
            String value;
            if (start < line.length() && line.charAt(start) == '"') {
                end = start + 1;
                while (end < line.length() && line.charAt(end) != '"') {
                    end += line.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= line.length()) {
                    throw new AssertionError("not logfmt (unterminated quote): " + line);
                }
                end++;
                try {
                    value = JSON.readValue(line.substring(start, end), String.class);
                } catch (JsonProcessingException e) {
                    throw new AssertionError("not logfmt (bad quoted value): " + line, e);
                }
            } else {
                end = line.indexOf(' ', start);
                end = end < 0 ? line.length() : end;
                value = line.substring(start, end);
            }
            if (fields.put(key, value) != null) {
                throw new AssertionError("not logfmt (key " + key + " twice): " + line);
            }
            if (end < line.length() && line.charAt(end) != ' ') {
                throw new AssertionError("not logfmt (no space after a value): " + line);
            }
            i = end + 1;
        }
        requireRecord(fields, line);
        return fields;
    }

    public static Map<String, String> json(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON record: " + line, e);
        }
        if (node == null || !node.isObject()) {
            throw new AssertionError("not a JSON object: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        node.properties().forEach(entry -> fields.put(entry.getKey(), entry.getValue().asText()));
        requireRecord(fields, line);
        return fields;
    }

    private static void requireRecord(Map<String, String> fields, String line) {
        for (String key : List.of("ts", "level", "logger", "msg")) {
            if (!fields.containsKey(key)) {
                throw new AssertionError("a record without " + key + ": " + line);
            }
        }
    }
}
