package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** quality_feedback.json: thresholds, per-generator counts, and the rejection history's score series. */
public final class QualityFeedbackParser implements SourceParser {
    /** The generators that generated most are kept: they are the ones anybody watches. */
    private static final Comparator<GeneratorStats> MOST_GENERATED =
            Comparator.comparingDouble(GeneratorStats::samplesGenerated).reversed();
    private static final BoundedSelection.Entries<GeneratorStats> REASONS = new BoundedSelection.Entries<>(
            CappedKind.REJECTION_REASONS, RecordLimits.REJECTION_REASONS, generator -> generator.rejectionReasons().size(), GeneratorStats::withFirstReasons);

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
        SkippedRecords.Builder skipped = new SkippedRecords.Builder();
        NamedNumbers thresholds = new NamedNumbers(RecordLimits.THRESHOLDS);
        BoundedSelection<GeneratorStats> generators =
                new BoundedSelection<>(limits.generators(), MOST_GENERATED, GeneratorStats::name, List.of(REASONS));
        ScoreHistory history = new ScoreHistory(historyWindow, RecordLimits.SCORE_SERIES);
        int historyEntries = 0;
        Optional<Instant> lastUpdated = Optional.empty();
        try (JsonCursor cursor = JsonCursor.open(in)) {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    case "thresholds" -> thresholds.readSection(cursor, "threshold", skipped);
                    case "generator_stats" -> {
                        cursor.enterObjectSection();
                        while (cursor.nextField()) {
                            RecordFields record = RecordFields.keyed("generator", cursor.name());
                            NamedNumbers reasons = new NamedNumbers(RecordLimits.REJECTION_REASONS_PER_GENERATOR);
                            GeneratorStats generator = readGenerator(cursor, record, reasons);
                            if (generator == null) {
                                skipped.add(record);
                            } else {
                                generators.offer(generator, Map.of(CappedKind.REJECTION_REASONS, reasons.cut()));
                            }
                        }
                    }
                    case "rejection_history" -> {
                        cursor.enterArraySection();
                        while (cursor.nextElement()) {
                            RecordFields record = RecordFields.indexed("rejection_history", historyEntries++);
                            if (!readHistoryEntry(cursor, record, history)) {
                                skipped.add(record);
                            }
                        }
                    }
                    case "last_updated" -> lastUpdated = timestamps.read(cursor);
                    default -> { }
                }
            }
        }
        Map<CappedKind, Long> capped = Map.of(
                CappedKind.THRESHOLDS, thresholds.cut(),
                CappedKind.GENERATORS, generators.leftOut(),
                CappedKind.REJECTION_REASONS, generators.entriesCut().get(CappedKind.REJECTION_REASONS),
                CappedKind.SCORE_SERIES, history.valuesLeftOut());
        QualityFeedback data = new QualityFeedback(thresholds.toMap(), generators.inArrivalOrder(), historyEntries,
                history.series(), lastUpdated, capped);
        return new ParseResult(data, skipped.build());
    }

    /** The generator at the cursor, or null when it is malformed (the record says why). */
    private static GeneratorStats readGenerator(JsonCursor cursor, RecordFields record, NamedNumbers reasons)
            throws IOException, MalformedSourceException {
        String name = Names.bounded(cursor.name());
        if (!record.enterObject(cursor)) {
            return null;
        }
        Double generated = null;
        Double accepted = null;
        Double rejected = null;
        Double avgQuality = null;
        while (cursor.nextField()) {
            switch (cursor.name()) {
                case "samples_generated" -> generated = record.number(cursor);
                case "samples_accepted" -> accepted = record.number(cursor);
                case "samples_rejected" -> rejected = record.number(cursor);
                case "rejection_reasons" -> record.numbers(cursor, reasons);
                case "avg_quality_score" -> avgQuality = record.number(cursor);
                default -> { }
            }
        }
        record.require("samples_generated", generated);
        record.require("samples_accepted", accepted);
        record.require("samples_rejected", rejected);
        if (!record.valid()) {
            return null;
        }
        return new GeneratorStats(name, generated, accepted, rejected, reasons.toMap(), Optional.ofNullable(avgQuality));
    }

    /** Adds the history entry at the cursor to the series; false when it is malformed (the record says why). */
    private static boolean readHistoryEntry(JsonCursor cursor, RecordFields record, ScoreHistory history)
            throws IOException, MalformedSourceException {
        if (!record.enterObject(cursor)) {
            return false;
        }
        String domain = null;
        // The domain may come after the scores, so the entry's scores wait for it, as many as could be kept.
        NamedNumbers scores = new NamedNumbers(RecordLimits.SCORE_SERIES);
        while (cursor.nextField()) {
            switch (cursor.name()) {
                case "domain" -> domain = record.text(cursor);
                case "scores" -> record.numbers(cursor, scores);
                default -> { }
            }
        }
        record.require("domain", domain);
        if (!record.valid()) {
            return false;
        }
        history.add(Names.bounded(domain), scores.toMap(), scores.cut());
        return true;
    }
}
