package dev.hafs.exporter.parse;

import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} values of a series, kept while the history streams past. */
final class ScoreWindow {
    private final double[] values;
    private long count;

    ScoreWindow(int capacity) {
        values = new double[capacity];
    }

    void add(double value) {
        values[(int) (count % values.length)] = value;
        count++;
    }

    List<Double> oldestFirst() {
        int size = (int) Math.min(count, values.length);
        List<Double> result = new ArrayList<>(size);
        for (long i = count - size; i < count; i++) {
            result.add(values[(int) (i % values.length)]);
        }
        return result;
    }
}
