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
    private final int index;
    // Allocated on the first problem: a valid record (nearly all of them) allocates nothing.
    private List<String> problems;
    private Set<String> reportedFields;

    RecordFields(String record) {
        this(record, -1);
    }

    /** An array element: its name is only built when a problem is described. */
    RecordFields(String array, int index) {
        this.record = array;
        this.index = index;
    }

    interface NumberVisitor {
        void number(String name, double value);
    }

    /** Like {@link #numbers} without a map or boxing: the history has hundreds of thousands of these. */
    void eachNumber(String field, JsonCursor value, NumberVisitor visitor) throws IOException, MalformedSourceException {
        if (!value.isObject()) {
            wrongType(field, value, "an object");
            return;
        }
        value.forEachField((name, entry) -> {
            if (entry.isNumber()) {
                visitor.number(name, entry.number());
            } else {
                wrongType(field + "." + name, entry, "a number");
            }
        });
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
            if (entry.isNumber()) {
                numbers.put(name, entry.number());
            } else {
                wrongType(field + "." + name, entry, "a number");
            }
        });
        return numbers;
    }

    <T> T require(String field, T value) {
        if (value == null && (reportedFields == null || !reportedFields.contains(field))) {
            problems().add(field + " is missing");
        }
        return value;
    }

    void problem(String description) {
        problems().add(description);
    }

    boolean valid() {
        return problems == null;
    }

    private List<String> problems() {
        if (problems == null) {
            problems = new ArrayList<>(1);
        }
        return problems;
    }

    /** Why the record was skipped, naming it so a person can find it in the file. */
    String describeProblems() {
        return (index < 0 ? record : record + "[" + index + "]") + ": " + String.join("; ", problems);
    }

    private void wrongType(String field, JsonCursor value, String expected) throws IOException {
        if (!value.isNull()) {
            if (reportedFields == null) {
                reportedFields = new HashSet<>();
            }
            reportedFields.add(field);
            problems().add(field + " is " + value.type() + ", expected " + expected);
        }
        value.skip();
    }
}
