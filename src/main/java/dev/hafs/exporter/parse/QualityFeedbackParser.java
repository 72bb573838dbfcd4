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
        Map<String, Map<String, ScoreWindow>> byDomain = new java.util.HashMap<>();
        EntryScores scratch = new EntryScores();
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
                    RecordFields record = new RecordFields("rejection_history", index);
                    readHistoryEntry(entry, record, scratch, series, byDomain, seriesLeftOut);
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

    /** One entry's scores, reused from entry to entry: the domain may come after them. */
    private static final class EntryScores implements RecordFields.NumberVisitor {
        String[] names = new String[8];
        double[] values = new double[8];
        int count;
        String domain;

        @Override
        public void number(String name, double value) {
            if (count == names.length) {
                names = java.util.Arrays.copyOf(names, count * 2);
                values = java.util.Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count++] = value;
        }
    }

    private void readHistoryEntry(JsonCursor entry, RecordFields record, EntryScores scores,
            Map<SeriesKey, ScoreWindow> series, Map<String, Map<String, ScoreWindow>> byDomain,
            Set<SeriesKey> seriesLeftOut) throws IOException, MalformedSourceException {
        if (!entry.isObject()) {
            record.problem("is " + entry.type() + ", expected an object");
            entry.skip();
            return;
        }
        scores.count = 0;
        scores.domain = null;
        entry.forEachField((field, value) -> {
            switch (field) {
                case "domain" -> scores.domain = record.text(field, value);
                case "scores" -> record.eachNumber(field, value, scores);
                default -> value.skip();
            }
        });
        record.require("domain", scores.domain);
        if (!record.valid()) {
            return;
        }
        String domainName = Names.bounded(scores.domain);
        Map<String, ScoreWindow> windows = byDomain.computeIfAbsent(domainName, d -> new java.util.HashMap<>());
        for (int i = 0; i < scores.count; i++) {
            String score = scores.names[i];
            ScoreWindow window = windows.get(score);
            if (window == null) {
                SeriesKey key = new SeriesKey(domainName, Names.bounded(score));
                window = series.get(key);
                if (window == null) {
                    if (series.size() >= limits.scoreSeries()) {
                        seriesLeftOut.add(key);
                        continue;
                    }
                    window = new ScoreWindow(historyWindow);
                    series.put(key, window);
                }
                windows.put(score, window);
            }
            window.add(scores.values[i]);
        }
    }

    private record SeriesKey(String domain, String score) {
    }
}
