package dev.hafs.exporter.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one record (a generator, a history entry, a region, a run) and notes every
 * field of the wrong type instead of failing the file, so the parser can drop just that record.
 * {@code null} counts as absent: HAFS writes {@code null} for a run's loss while it is running.
 */
final class RecordFields {
    private final String record;
    private final List<String> problems = new ArrayList<>(0);
    private final Set<String> reportedFields = new HashSet<>(0);

    RecordFields(String record) {
        this.record = record;
    }

    Double number(String field, JsonCursor value) throws IOException {
        if (value.isNumber()) {
            return value.number();
        }
        wrongType(field, value, "a number");
        return null;
    }

    String text(String field, JsonCursor value) throws IOException {
        if (value.isText()) {
            return value.text();
        }
        wrongType(field, value, "a string");
        return null;
    }

    /** An object of name to number, such as rejection reasons or eval metrics, in file order. */
    Map<String, Double> numbers(String field, JsonCursor value) throws IOException, MalformedSourceException {
        Map<String, Double> numbers = new LinkedHashMap<>();
        if (!value.isObject()) {
            wrongType(field, value, "an object");
            return numbers;
        }
        value.forEachField((name, entry) -> {
            Double number = number(field + "." + name, entry);
            if (number != null) {
                numbers.put(name, number);
            }
        });
        return numbers;
    }

    <T> T require(String field, T value) {
        if (value == null && !reportedFields.contains(field)) {
            problems.add(field + " is missing");
        }
        return value;
    }

    void problem(String description) {
        problems.add(description);
    }

    boolean valid() {
        return problems.isEmpty();
    }

    /** Why the record was skipped, naming it so a person can find it in the file. */
    String describeProblems() {
        return record + ": " + String.join("; ", problems);
    }

    private void wrongType(String field, JsonCursor value, String expected) throws IOException {
        if (!value.isNull()) {
            reportedFields.add(field);
            problems.add(field + " is " + value.type() + ", expected " + expected);
        }
        value.skip();
    }
}
