package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.Source;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One status file as read: the value of each of its {@link StatusField}s that was present and of
 * the right type (a field that is absent or {@code null} has none; HAFS writes a partial file when a
 * log is missing).
 */
public record StatusFile(
        Source source,
        Map<StatusField, Object> values,
        Map<CappedKind, Long> recordsCapped) implements SourceData {

    public StatusFile {
        EnumMap<StatusField, Object> copy = new EnumMap<>(StatusField.class);
        values.forEach((field, value) -> {
            if (field.source() != source) {
                throw new IllegalArgumentException(field + " is not a field of " + source.fileName());
            }
            copy.put(field, value instanceof Map<?, ?> flags ? Collections.unmodifiableMap(new LinkedHashMap<>(flags)) : value);
        });
        values = Collections.unmodifiableMap(copy);
        recordsCapped = CappedKind.copyOf(recordsCapped);
    }

    public OptionalDouble number(StatusField field) {
        Object value = value(field, StatusField.Kind.NUMBER);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of((Double) value);
    }

    public Optional<Boolean> flag(StatusField field) {
        return Optional.ofNullable((Boolean) value(field, StatusField.Kind.FLAG));
    }

    public Optional<Instant> timestamp(StatusField field) {
        return Optional.ofNullable((Instant) value(field, StatusField.Kind.TIMESTAMP));
    }

    public Optional<String> text(StatusField field) {
        return Optional.ofNullable((String) value(field, StatusField.Kind.TEXT));
    }

    /** An object of name → boolean, in file order; empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Boolean> flags(StatusField field) {
        Object value = value(field, StatusField.Kind.FLAGS);
        return value == null ? Map.of() : (Map<String, Boolean>) value;
    }

    @Override
    public Optional<Instant> lastUpdated() {
        StatusField writtenAt = StatusField.writtenAt(source);
        return writtenAt == null ? Optional.empty() : timestamp(writtenAt);
    }

    private Object value(StatusField field, StatusField.Kind kind) {
        if (field.source() != source || field.kind() != kind) {
            throw new IllegalArgumentException(field + " is not a " + kind + " field of " + source.fileName());
        }
        return values.get(field);
    }
}
