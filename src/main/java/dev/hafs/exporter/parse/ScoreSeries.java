package dev.hafs.exporter.parse;

import java.util.List;

/** The newest values (oldest first) of one score key for one domain of the rejection history. */
public record ScoreSeries(String domain, String score, List<Double> recentValues) {
    public ScoreSeries {
        if (recentValues.isEmpty()) {
            throw new IllegalArgumentException("a score series has at least one value");
        }
        recentValues = List.copyOf(recentValues);
    }

    public double recentMean() {
        double sum = 0;
        for (double value : recentValues) {
            sum += value;
        }
        return sum / recentValues.size();
    }

    public double latest() {
        return recentValues.getLast();
    }
}
