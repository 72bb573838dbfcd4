package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.DatasetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three small files of one dataset folder into a {@link Dataset}. The folder is the record: a
 * field of the wrong type in any of its files leaves the whole folder out (counted, and read again
 * once its files change); every field nobody exports is skipped unread.
 */
public final class DatasetFolderParser {
    private final HafsTimestamps timestamps;

    public DatasetFolderParser(HafsTimestamps timestamps) {
        this.timestamps = timestamps;
    }

    /**
     * Parses the folder's files, each given as a stream the caller closes; {@code summary} is null
     * when the folder has no rejection_summary.json. A file that is not whole JSON throws.
     */
    public DatasetResult parse(String folder, InputStream stats, InputStream metadata, InputStream summary)
            throws IOException, MalformedSourceException {
        RecordFields record = RecordFields.keyed("dataset", folder);
        Counts counts = new Counts();
        NamedNumbers domains = new NamedNumbers(RecordLimits.DATASET_ENTRIES_PER_MAP);
        NamedNumbers reasons = new NamedNumbers(RecordLimits.DATASET_ENTRIES_PER_MAP);
        NamedNumbers rejectedDomains = new NamedNumbers(RecordLimits.DATASET_ENTRIES_PER_MAP);
        readStats(stats, record, counts, domains);
        Optional<Instant> created = readMetadata(metadata, record, counts);
        if (summary != null) {
            readSummary(summary, record, reasons, rejectedDomains);
        }
        if (!record.valid()) {
            return new DatasetResult.Skipped(record.describeProblems());
        }
        Map<String, Double> splits = new LinkedHashMap<>();
        counts.split("train", counts.train, splits);
        counts.split("val", counts.val, splits);
        counts.split("test", counts.test, splits);
        Dataset dataset = new Dataset(Names.bounded(folder), created.or(() -> timestamps.fromFolderName(folder)),
                Optional.ofNullable(counts.generated), Optional.ofNullable(counts.passedQuality),
                Optional.ofNullable(counts.deduplicated), Optional.ofNullable(counts.augmented),
                Optional.ofNullable(counts.finalCount), splits, domains.toMap(), Optional.ofNullable(counts.qualityAverage),
                Optional.ofNullable(counts.duration), reasons.toMap(), rejectedDomains.toMap());
        return new DatasetResult.Whole(dataset, Map.of(CappedKind.DATASET_DOMAINS, domains.cut(),
                CappedKind.DATASET_REJECTION_REASONS, reasons.cut(), CappedKind.DATASET_REJECTION_DOMAINS, rejectedDomains.cut()));
    }

    /** The values of the folder's files, as they are found. */
    private static final class Counts {
        Double generated;
        Double passedQuality;
        Double deduplicated;
        Double augmented;
        Double finalCount;
        Double qualityAverage;
        Double duration;
        Double train;
        Double val;
        Double test;

        void split(String name, Double value, Map<String, Double> into) {
            if (value != null) {
                into.put(name, value);
            }
        }
    }

    private static void readStats(InputStream in, RecordFields record, Counts counts, NamedNumbers domains)
            throws IOException, MalformedSourceException {
        readFile(in, DatasetFiles.STATS, cursor -> {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    case "total_generated" -> counts.generated = record.number(cursor);
                    case "passed_quality" -> counts.passedQuality = record.number(cursor);
                    case "deduplicated" -> counts.deduplicated = record.number(cursor);
                    case "augmented" -> counts.augmented = record.number(cursor);
                    case "final_count" -> counts.finalCount = record.number(cursor);
                    case "domain_counts" -> record.numbers(cursor, domains);
                    case "duration_seconds" -> counts.duration = record.number(cursor);
                    case "quality_scores" -> {
                        if (cursor.enterObject()) {
                            while (cursor.nextField()) {
                                if (cursor.name().equals("average")) {
                                    counts.qualityAverage = record.number(cursor);
                                }
                            }
                        } else if (!cursor.isNull()) {
                            record.problem("quality_scores is " + cursor.type() + ", expected an object");
                        }
                    }
                    default -> { }
                }
            }
        });
    }

    private Optional<Instant> readMetadata(InputStream in, RecordFields record, Counts counts)
            throws IOException, MalformedSourceException {
        List<Instant> created = new ArrayList<>(1);
        readFile(in, DatasetFiles.METADATA, cursor -> {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    // HAFS writes YYYYMMDD_HHMMSS; anything unreadable falls back to the folder name's suffix.
                    case "created" -> {
                        created.clear();
                        if (cursor.isText()) {
                            String text = cursor.text();
                            timestamps.parseCompact(text).or(() -> timestamps.parse(text)).ifPresent(created::add);
                        }
                    }
                    case "train_count" -> counts.train = record.number(cursor);
                    case "val_count" -> counts.val = record.number(cursor);
                    case "test_count" -> counts.test = record.number(cursor);
                    default -> { }
                }
            }
        });
        return created.stream().findFirst();
    }

    private static void readSummary(InputStream in, RecordFields record, NamedNumbers reasons, NamedNumbers domains)
            throws IOException, MalformedSourceException {
        readFile(in, DatasetFiles.REJECTION_SUMMARY, cursor -> {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    case "by_reason" -> record.numbers(cursor, reasons);
                    case "by_domain" -> record.numbers(cursor, domains);
                    default -> { }
                }
            }
        });
    }

    @FunctionalInterface
    private interface FileFields {
        void read(JsonCursor cursor) throws IOException, MalformedSourceException;
    }

    /** Reads one of the folder's files, naming it in what goes wrong, since a folder has three. */
    private static void readFile(InputStream in, String file, FileFields fields) throws IOException, MalformedSourceException {
        try (JsonCursor cursor = JsonCursor.open(in)) {
            fields.read(cursor);
        } catch (MalformedSourceException e) {
            throw new MalformedSourceException(e.kind(), file + ": " + e.getMessage(), e);
        }
    }
}
