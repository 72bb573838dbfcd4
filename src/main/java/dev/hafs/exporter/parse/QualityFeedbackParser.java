package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** quality_feedback.json: thresholds, per-generator counts, and the rejection history's score series. */
public final class QualityFeedbackParser implements SourceParser {
    private final int historyWindow;
    private final RecordLimits limits;
    private final HafsTimestamps timestamps;

    public QualityFeedbackParser(int historyWindow, RecordLimits limits, HafsTimestamps timestamps) {
        if (historyWindow < 1) {
            throw new IllegalArgumentException("history window must be at least 1");
        }
        this.historyWindow = historyWindow;
        this.limits = limits;
        this.timestamps = timestamps;
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, GeneratorStats> generators = new LinkedHashMap<>();
        Map<SeriesKey, ScoreWindow> series = new LinkedHashMap<>();
        Set<SeriesKey> seriesLeftOut = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        int[] historyEntries = {0};
        Instant[] lastUpdated = {null};

        JsonCursor.readDocument(in, (field, value) -> {
            switch (field) {
                case "thresholds" -> value.section(field, (name, threshold) -> {
                    RecordFields record = new RecordFields("threshold \"" + name + "\"");
                    Double number = record.number("value", threshold);
                    if (number != null) {
                        thresholds.put(Names.bounded(name), number);
                    } else if (!record.valid()) {
                        skipped.add(record.describeProblems());
                    }
                });
                case "generator_stats" -> value.section(field, (name, stats) -> {
                    RecordFields record = new RecordFields("generator \"" + name + "\"");
                    GeneratorStats parsed = readGenerator(Names.bounded(name), stats, record);
                    if (parsed != null) {
                        generators.put(parsed.name(), parsed);
                    } else {
                        skipped.add(record.describeProblems());
                    }
                });
                case "rejection_history" -> value.arraySection(field, (index, entry) -> {
                    historyEntries[0]++;
                    RecordFields record = new RecordFields("rejection_history[" + index + "]");
                    readHistoryEntry(entry, record, series, seriesLeftOut);
                    if (!record.valid()) {
                        skipped.add(record.describeProblems());
                    }
                });
                case "last_updated" -> lastUpdated[0] = timestamps.read(value);
                default -> value.skip();
            }
        });

        List<ScoreSeries> scoreSeries = new ArrayList<>(series.size());
        series.forEach((key, window) -> scoreSeries.add(new ScoreSeries(key.domain(), key.score(), window.oldestFirst())));
        // The generators that generated most are kept: they are the ones anybody watches.
        BoundedSelection<GeneratorStats> kept = new BoundedSelection<>(limits.generators(),
                Comparator.comparingDouble(GeneratorStats::samplesGenerated).reversed());
        generators.values().forEach(kept::offer);
        QualityFeedback data = new QualityFeedback(thresholds, kept.inArrivalOrder(), historyEntries[0], scoreSeries,
                Optional.ofNullable(lastUpdated[0]), kept.leftOut(), seriesLeftOut.size());
        return new ParseResult(data, skipped);
    }


    private static GeneratorStats readGenerator(String name, JsonCursor stats, RecordFields record)
            throws IOException, MalformedSourceException {
        if (!stats.isObject()) {
            record.problem("is " + stats.type() + ", expected an object");
            stats.skip();
            return null;
        }
        Double[] counts = new Double[3];
        Double[] avgQuality = {null};
        Map<String, Double> reasons = new LinkedHashMap<>();
        stats.forEachField((field, value) -> {
            switch (field) {
                case "samples_generated" -> counts[0] = record.number(field, value);
                case "samples_accepted" -> counts[1] = record.number(field, value);
                case "samples_rejected" -> counts[2] = record.number(field, value);
                case "rejection_reasons" -> record.numbers(field, value).forEach((reason, count) -> reasons.put(Names.bounded(reason), count));
                case "avg_quality_score" -> avgQuality[0] = record.number(field, value);
                default -> value.skip();
            }
        });
        record.require("samples_generated", counts[0]);
        record.require("samples_accepted", counts[1]);
        record.require("samples_rejected", counts[2]);
        if (!record.valid()) {
            return null;
        }
        return new GeneratorStats(name, counts[0], counts[1], counts[2], reasons, Optional.ofNullable(avgQuality[0]));
    }

    private void readHistoryEntry(JsonCursor entry, RecordFields record, Map<SeriesKey, ScoreWindow> series,
            Set<SeriesKey> seriesLeftOut) throws IOException, MalformedSourceException {
        if (!entry.isObject()) {
            record.problem("is " + entry.type() + ", expected an object");
            entry.skip();
            return;
        }
        String[] domain = {null};
        Map<String, Double> scores = new LinkedHashMap<>();
        entry.forEachField((field, value) -> {
            switch (field) {
                case "domain" -> domain[0] = record.text(field, value);
                case "scores" -> scores.putAll(record.numbers(field, value));
                default -> value.skip();
            }
        });
        record.require("domain", domain[0]);
        if (!record.valid()) {
            return;
        }
        String domainName = Names.bounded(domain[0]);
        scores.forEach((score, value) -> {
            SeriesKey key = new SeriesKey(domainName, Names.bounded(score));
            ScoreWindow window = series.get(key);
            if (window == null) {
                if (series.size() >= limits.scoreSeries()) {
                    seriesLeftOut.add(key);
                    return;
                }
                window = new ScoreWindow(historyWindow);
                series.put(key, window);
            }
            window.add(value);
        });
    }

    private record SeriesKey(String domain, String score) {
    }
}
