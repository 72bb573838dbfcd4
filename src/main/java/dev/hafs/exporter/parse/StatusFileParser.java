package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.Source;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any of the five status files, by the {@link StatusField} table: each field of the file's table is
 * read as its kind says, everything else is skipped unread, however large. A field of the wrong type
 * is a malformed record: left out and counted, the other fields still load.
 */
public final class StatusFileParser implements SourceParser {
    private final Source source;
    private final HafsTimestamps timestamps;
    private final Map<String, StatusField> fields = new HashMap<>();

    public StatusFileParser(Source source, HafsTimestamps timestamps) {
        if (StatusField.of(source).isEmpty()) {
            throw new IllegalArgumentException(source.fileName() + " is not a status file");
        }
        this.source = source;
        this.timestamps = timestamps;
        StatusField.of(source).forEach(field -> fields.put(field.jsonName(), field));
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        SkippedRecords.Builder skipped = new SkippedRecords.Builder();
        EnumMap<StatusField, Object> values = new EnumMap<>(StatusField.class);
        long checksCut = 0;
        try (JsonCursor cursor = JsonCursor.open(in)) {
            while (cursor.nextField()) {
                StatusField field = fields.get(cursor.name());
                if (field == null) {
                    continue;
                }
                RecordFields record = RecordFields.keyed(source.fileName() + " field", field.jsonName());
                Object value = switch (field.kind()) {
                    case NUMBER -> record.number(cursor);
                    case FLAG -> record.flag(cursor);
                    case TIMESTAMP -> record.timestamp(cursor, timestamps);
                    case TEXT -> {
                        String text = record.text(cursor);
                        yield text == null ? null : Names.bounded(text);
                    }
                    case FLAGS -> {
                        NamedNumbers flags = new NamedNumbers(RecordLimits.VALIDATION_CHECKS);
                        boolean read = readFlags(cursor, record, flags, skipped);
                        checksCut += flags.cut();
                        yield read ? asFlags(flags) : null;
                    }
                };
                if (!record.valid()) {
                    skipped.add(record);
                }
                // A name written twice: the last value wins, as in any JSON reader.
                if (value != null) {
                    values.put(field, value);
                } else {
                    values.remove(field);
                }
            }
        }
        Map<CappedKind, Long> capped = StatusField.of(source).contains(StatusField.VALIDATION_CHECKS)
                ? Map.of(CappedKind.VALIDATION_CHECKS, checksCut) : Map.of();
        return new ParseResult(new StatusFile(source, values, capped), skipped.build());
    }

    /** An object of name → boolean; an entry of another type is a record of its own, skipped alone. */
    private boolean readFlags(JsonCursor cursor, RecordFields record, NamedNumbers into, SkippedRecords.Builder skipped)
            throws IOException, MalformedSourceException {
        String field = cursor.name();
        if (cursor.isNull()) {
            return false;
        }
        if (!cursor.enterObject()) {
            record.problem("is " + cursor.type() + ", expected an object");
            return false;
        }
        while (cursor.nextField()) {
            if (cursor.isBoolean()) {
                into.put(cursor.name(), cursor.bool() ? 1 : 0);
            } else if (!cursor.isNull()) {
                RecordFields entry = RecordFields.keyed(source.fileName() + " " + field, cursor.name());
                entry.problem("is " + cursor.type() + ", expected a boolean");
                skipped.add(entry);
            }
        }
        return true;
    }

    private static Map<String, Boolean> asFlags(NamedNumbers flags) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        flags.toMap().forEach((name, value) -> result.put(name, value != 0));
        return result;
    }
}
