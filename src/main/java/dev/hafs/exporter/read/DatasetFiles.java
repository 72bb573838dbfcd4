package dev.hafs.exporter.read;

import java.util.List;

/**
 * The files of a dataset folder the exporter reads, in the order HAFS writes them (after
 * train/val/test.jsonl, which the exporter never opens, and with rejected.jsonl, which it does not
 * need, before the summary). The summary exists only when some samples were rejected.
 */
public final class DatasetFiles {
    public static final String STATS = "stats.json";
    public static final String METADATA = "metadata.json";
    public static final String REJECTION_SUMMARY = "rejection_summary.json";
    public static final List<String> ALL = List.of(STATS, METADATA, REJECTION_SUMMARY);

    private DatasetFiles() {
    }
}
