package dev.hafs.exporter.parse;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one record (a generator, a history entry, a region, a run) and notes every
 * field of the wrong type instead of failing the file, so the parser can drop just that record.
 * {@code null} counts as absent: HAFS writes {@code null} for a run's loss while it is running.
 * A record keeps its first few problems and counts the rest, however many wrong fields it has.
 */
final class RecordFields {
    private static final int DESCRIBED_PROBLEMS = 3;

    private final String kind;
    private final String key;
    private final int index;
    // Allocated on the first problem: a valid record (nearly all of them) allocates nothing.
    private List<String> problems;
    private int problemCount;
    // Only the record's own fields, which the parser names: nested entries are never remembered.
    private Set<String> wrongTypedFields;

    private RecordFields(String kind, String key, int index) {
        this.kind = kind;
        this.key = key;
        this.index = index;
    }

    /** A record that is the whole file or one section of it, named as it is. */
    static RecordFields named(String name) {
        return new RecordFields(name, null, -1);
    }

    /** An entry of an object section, such as {@code generator "baseline"}. */
    static RecordFields keyed(String kind, String key) {
        return new RecordFields(kind, key, -1);
    }

    /** An element of an array section, such as {@code regions[3]}. */
    static RecordFields indexed(String array, int index) {
        return new RecordFields(array, null, index);
    }

    /** Enters the record's value, which must be an object; anything else is the record's problem. */
    boolean enterObject(JsonCursor cursor) {
        if (cursor.enterObject()) {
            return true;
        }
        problem("is " + cursor.type() + ", expected an object");
        return false;
    }

    /** The number in the field the cursor is at; null when absent or of the wrong type. */
    Double number(JsonCursor cursor) throws IOException, MalformedSourceException {
        if (cursor.isNumber()) {
            return cursor.number();
        }
        wrongField(cursor, "a number");
        return null;
    }

    /** The string in the field the cursor is at; null when absent or of the wrong type. */
    String text(JsonCursor cursor) throws IOException, MalformedSourceException {
        if (cursor.isText()) {
            return cursor.text();
        }
        wrongField(cursor, "a string");
        return null;
    }

    /** The boolean in the field the cursor is at; null when absent or of the wrong type. */
    Boolean flag(JsonCursor cursor) {
        if (cursor.isBoolean()) {
            return cursor.bool();
        }
        wrongField(cursor, "a boolean");
        return null;
    }

    /**
     * The timestamp in the field the cursor is at, as HAFS writes it ({@link HafsTimestamps}); null
     * when absent, of the wrong type, or not a timestamp.
     */
    Instant timestamp(JsonCursor cursor, HafsTimestamps timestamps) throws IOException, MalformedSourceException {
        if (!cursor.isText()) {
            wrongField(cursor, "a timestamp string");
            return null;
        }
        String text = cursor.text();
        Optional<Instant> instant = timestamps.parse(text);
        if (instant.isEmpty()) {
            noteWrongField(cursor.name(), "\"" + Names.bounded(text) + "\", expected a timestamp");
        }
        return instant.orElse(null);
    }

    /** An object of name to number (rejection reasons, eval metrics, scores) into a capped map, in file order. */
    void numbers(JsonCursor cursor, NamedNumbers into) throws IOException, MalformedSourceException {
        String field = cursor.name();
        if (!cursor.enterObject()) {
            wrongField(cursor, "an object");
            return;
        }
        while (cursor.nextField()) {
            if (cursor.isNumber()) {
                into.put(cursor.name(), cursor.number());
            } else if (!cursor.isNull()) {
                problem(field + "." + Names.bounded(cursor.name()) + " is " + cursor.type() + ", expected a number");
            }
        }
    }

    /** Notes a required field that is absent (one of the wrong type was noted already). */
    void require(String field, Object value) {
        if (value == null && (wrongTypedFields == null || !wrongTypedFields.contains(field))) {
            problem(field + " is missing");
        }
    }

    void problem(String description) {
        if (problems == null) {
            problems = new ArrayList<>(1);
        }
        if (problems.size() < DESCRIBED_PROBLEMS) {
            problems.add(description);
        }
        problemCount++;
    }

    boolean valid() {
        return problemCount == 0;
    }

    /** Why the record was skipped, naming it so a person can find it in the file. */
    String describeProblems() {
        String name = key != null ? kind + " \"" + Names.bounded(key) + "\""
                : index >= 0 ? kind + "[" + index + "]"
                : kind;
        String more = problemCount > problems.size() ? "; and " + (problemCount - problems.size()) + " more" : "";
        return name + ": " + String.join("; ", problems) + more;
    }

    private void wrongField(JsonCursor cursor, String expected) {
        if (!cursor.isNull()) {
            noteWrongField(cursor.name(), cursor.type() + ", expected " + expected);
        }
    }

    private void noteWrongField(String name, String description) {
        String field = Names.bounded(name);
        if (wrongTypedFields == null) {
            wrongTypedFields = new HashSet<>();
        }
        wrongTypedFields.add(field);
        problem(field + " is " + description);
    }
}
