package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** training_feedback.json: runs keyed by caller-chosen ids, and per-domain effectiveness. */
public final class TrainingFeedbackParser implements SourceParser {
    /** Newest first; a run without a start time counts as older than any that has one. */
    private static final Comparator<TrainingRun> NEWEST_FIRST = Comparator.comparing(
            (TrainingRun run) -> run.startTime().orElse(Instant.MIN)).reversed();
    private static final BoundedSelection.Entries<TrainingRun> EVAL_METRICS = new BoundedSelection.Entries<>(
            CappedKind.EVAL_METRICS, RecordLimits.EVAL_METRICS, run -> run.evalMetrics().size(), TrainingRun::withFirstEvalMetrics);
    private static final BoundedSelection.Entries<TrainingRun> DOMAINS = new BoundedSelection.Entries<>(
            CappedKind.RUN_DOMAINS, RecordLimits.RUN_DOMAINS, run -> run.domainDistribution().size(), TrainingRun::withFirstDomains);

    private final RecordLimits limits;
    private final HafsTimestamps timestamps;

    public TrainingFeedbackParser(RecordLimits limits, HafsTimestamps timestamps) {
        this.limits = limits;
        this.timestamps = timestamps;
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        SkippedRecords.Builder skipped = new SkippedRecords.Builder();
        BoundedSelection<TrainingRun> runs = new BoundedSelection<>(limits.runs(), NEWEST_FIRST, TrainingRun::id, List.of(EVAL_METRICS, DOMAINS));
        long completed = 0;
        long running = 0;
        NamedNumbers effectiveness = new NamedNumbers(RecordLimits.DOMAIN_EFFECTIVENESS);
        NamedNumbers thresholdEffectiveness = new NamedNumbers(RecordLimits.THRESHOLD_EFFECTIVENESS);
        Optional<Instant> lastUpdated = Optional.empty();
        try (JsonCursor cursor = JsonCursor.open(in)) {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    case "training_runs" -> {
                        cursor.enterObjectSection();
                        while (cursor.nextField()) {
                            RecordFields record = RecordFields.keyed("training run", cursor.name());
                            NamedNumbers metrics = new NamedNumbers(RecordLimits.EVAL_METRICS_PER_RUN);
                            NamedNumbers domains = new NamedNumbers(RecordLimits.RUN_DOMAINS_PER_RUN);
                            TrainingRun run = readRun(cursor, record, metrics, domains);
                            if (run == null) {
                                skipped.add(record);
                                continue;
                            }
                            // Only a run id written twice replaces one; its first version no longer counts.
                            TrainingRun replaced = runs.offer(run,
                                    Map.of(CappedKind.EVAL_METRICS, metrics.cut(), CappedKind.RUN_DOMAINS, domains.cut()));
                            if (replaced != null && replaced.completed()) {
                                completed--;
                            } else if (replaced != null) {
                                running--;
                            }
                            if (run.completed()) {
                                completed++;
                            } else {
                                running++;
                            }
                        }
                    }
                    case "domain_effectiveness" -> effectiveness.readSection(cursor, "domain_effectiveness", skipped);
                    case "quality_threshold_effectiveness" ->
                            thresholdEffectiveness.readSection(cursor, "quality_threshold_effectiveness", skipped);
                    case "last_updated" -> lastUpdated = timestamps.read(cursor);
                    default -> { }
                }
            }
        }
        Map<CappedKind, Long> capped = new EnumMap<>(runs.entriesCut());
        capped.put(CappedKind.RUNS, runs.leftOut());
        capped.put(CappedKind.DOMAIN_EFFECTIVENESS, effectiveness.cut());
        capped.put(CappedKind.THRESHOLD_EFFECTIVENESS, thresholdEffectiveness.cut());
        TrainingFeedback data = new TrainingFeedback(runs.inArrivalOrder(), completed, running, effectiveness.toMap(),
                thresholdEffectiveness.toMap(), lastUpdated, capped);
        return new ParseResult(data, skipped.build());
    }

    /** The run at the cursor, or null when it is malformed (the record says why). */
    private TrainingRun readRun(JsonCursor cursor, RecordFields record, NamedNumbers metrics, NamedNumbers domains)
            throws IOException, MalformedSourceException {
        String id = Names.bounded(cursor.name());
        if (!record.enterObject(cursor)) {
            return null;
        }
        String model = null;
        String baseModel = null;
        Double samples = null;
        Double finalLoss = null;
        Optional<Instant> start = Optional.empty();
        Optional<Instant> end = Optional.empty();
        while (cursor.nextField()) {
            switch (cursor.name()) {
                case "model_name" -> model = record.text(cursor);
                case "base_model" -> baseModel = record.text(cursor);
                case "samples_count" -> samples = record.number(cursor);
                case "final_loss" -> finalLoss = record.number(cursor);
                case "start_time" -> start = timestamps.read(cursor);
                case "end_time" -> end = timestamps.read(cursor);
                case "eval_metrics" -> record.numbers(cursor, metrics);
                case "domain_distribution" -> record.numbers(cursor, domains);
                default -> { }
            }
        }
        if (!record.valid()) {
            return null;
        }
        return new TrainingRun(id, model == null ? "" : Names.bounded(model), baseModel == null ? "" : Names.bounded(baseModel),
                Optional.ofNullable(samples), Optional.ofNullable(finalLoss), start, end, metrics.toMap(), domains.toMap());
    }
}
