package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** training_feedback.json: runs keyed by caller-chosen ids, and per-domain effectiveness. */
public final class TrainingFeedbackParser implements SourceParser {
    /** Newest first; a run without a start time counts as older than any that has one. */
    private static final Comparator<TrainingRun> NEWEST_FIRST = Comparator.comparing(
            (TrainingRun run) -> run.startTime().orElse(Instant.MIN)).reversed();

    private final RecordLimits limits;
    private final HafsTimestamps timestamps;

    public TrainingFeedbackParser(RecordLimits limits, HafsTimestamps timestamps) {
        this.limits = limits;
        this.timestamps = timestamps;
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        Map<String, TrainingRun> runs = new LinkedHashMap<>();
        Map<String, Double> effectiveness = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        Instant[] lastUpdated = {null};

        JsonCursor.readDocument(in, (field, value) -> {
            switch (field) {
                case "training_runs" -> value.section(field, (id, run) -> {
                    RecordFields record = new RecordFields("training run \"" + id + "\"");
                    TrainingRun parsed = readRun(Names.bounded(id), run, record);
                    if (parsed != null) {
                        runs.put(parsed.id(), parsed);
                    } else {
                        skipped.add(record.describeProblems());
                    }
                });
                case "domain_effectiveness" -> {
                    RecordFields record = new RecordFields("domain_effectiveness");
                    record.numbers(field, value).forEach((domain, number) -> effectiveness.put(Names.bounded(domain), number));
                    if (!record.valid()) {
                        skipped.add(record.describeProblems());
                    }
                }
                case "last_updated" -> lastUpdated[0] = timestamps.read(value);
                default -> value.skip();
            }
        });
        BoundedSelection<TrainingRun> kept = new BoundedSelection<>(limits.runs(), NEWEST_FIRST);
        long completed = 0;
        for (TrainingRun run : runs.values()) {
            kept.offer(run);
            completed += run.completed() ? 1 : 0;
        }
        TrainingFeedback data = new TrainingFeedback(kept.inArrivalOrder(), completed, runs.size() - completed,
                effectiveness, Optional.ofNullable(lastUpdated[0]), kept.leftOut());
        return new ParseResult(data, skipped);
    }


    private TrainingRun readRun(String id, JsonCursor run, RecordFields record)
            throws IOException, MalformedSourceException {
        if (!run.isObject()) {
            record.problem("is " + run.type() + ", expected an object");
            run.skip();
            return null;
        }
        String[] model = {""};
        Double[] samples = {null};
        Double[] finalLoss = {null};
        Instant[] times = {null, null};
        Map<String, Double> evalMetrics = new LinkedHashMap<>();
        run.forEachField((field, value) -> {
            switch (field) {
                case "model_name" -> {
                    String text = record.text(field, value);
                    model[0] = text == null ? "" : Names.bounded(text);
                }
                case "samples_count" -> samples[0] = record.number(field, value);
                case "final_loss" -> finalLoss[0] = record.number(field, value);
                case "start_time" -> times[0] = timestamps.read(value);
                case "end_time" -> times[1] = timestamps.read(value);
                case "eval_metrics" -> record.numbers(field, value)
                        .forEach((metric, number) -> evalMetrics.put(Names.bounded(metric), number));
                default -> value.skip();
            }
        });
        if (!record.valid()) {
            return null;
        }
        return new TrainingRun(id, model[0], Optional.ofNullable(samples[0]), Optional.ofNullable(finalLoss[0]),
                Optional.ofNullable(times[0]), Optional.ofNullable(times[1]), evalMetrics);
    }
}
