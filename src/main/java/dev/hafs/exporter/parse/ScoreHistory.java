package dev.hafs.exporter.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rejection history as it streams past, reduced to the last {@code window} values of each
 * (domain, score) series, for the first {@code maxSeries} series in file order. A series beyond
 * them is not remembered (that would grow with the file), so its values are counted instead.
 */
final class ScoreHistory {
    private record SeriesKey(String domain, String score) {
    }

    private final int window;
    private final int maxSeries;
    private final Map<SeriesKey, ScoreWindow> series = new LinkedHashMap<>();
    private long valuesLeftOut;

    ScoreHistory(int window, int maxSeries) {
        this.window = window;
        this.maxSeries = maxSeries;
    }

    /** One entry's scores, names already cut to a label's length; {@code cut} more did not fit the entry. */
    void add(String domain, Map<String, Double> scores, long cut) {
        valuesLeftOut += cut;
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            SeriesKey key = new SeriesKey(domain, score.getKey());
            ScoreWindow values = series.get(key);
            if (values == null && series.size() < maxSeries) {
                values = new ScoreWindow(window);
                series.put(key, values);
            }
            if (values == null) {
                valuesLeftOut++;
            } else {
                values.add(score.getValue());
            }
        }
    }

    /** Values of the history that belong to no kept series. */
    long valuesLeftOut() {
        return valuesLeftOut;
    }

    List<ScoreSeries> series() {
        List<ScoreSeries> result = new ArrayList<>(series.size());
        series.forEach((key, values) -> result.add(new ScoreSeries(key.domain(), key.score(), values.oldestFirst())));
        return result;
    }
}
