package dev.hafs.exporter.parse;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Name → number entries of one object (thresholds, rejection reasons, eval metrics, scores) as
 * they stream past, in file order: the first {@code cap} distinct names are kept and later ones
 * are counted, so a hostile object costs no more than the cap. Names are cut to a label's length;
 * a name written twice keeps its first place and its last value, as a JSON reader would.
 */
final class NamedNumbers {
    private final int cap;
    private final Map<String, Double> kept = new LinkedHashMap<>();
    private long cut;

    NamedNumbers(int cap) {
        this.cap = cap;
    }

    /**
     * Reads an object section whose every entry is a record of its own, such as a threshold or a
     * domain's effectiveness: an entry of the wrong type is skipped alone.
     */
    void readSection(JsonCursor cursor, String kind, SkippedRecords.Builder skipped)
            throws IOException, MalformedSourceException {
        cursor.enterObjectSection();
        while (cursor.nextField()) {
            if (cursor.isNumber()) {
                put(cursor.name(), cursor.number());
            } else if (!cursor.isNull()) {
                RecordFields entry = RecordFields.keyed(kind, cursor.name());
                entry.problem("value is " + cursor.type() + ", expected a number");
                skipped.add(entry);
            }
        }
    }

    void put(String name, double value) {
        String label = Names.bounded(name);
        if (kept.size() < cap || kept.containsKey(label)) {
            kept.put(label, value);
        } else {
            cut++;
        }
    }

    /** Entries beyond the cap; a name repeated beyond it counts each time, as nothing remembers it. */
    long cut() {
        return cut;
    }

    Map<String, Double> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    /** The first {@code count} entries of a map, in its order. */
    static Map<String, Double> first(Map<String, Double> entries, int count) {
        Map<String, Double> first = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : entries.entrySet()) {
            if (first.size() == count) {
                break;
            }
            first.put(entry.getKey(), entry.getValue());
        }
        return first;
    }
}
