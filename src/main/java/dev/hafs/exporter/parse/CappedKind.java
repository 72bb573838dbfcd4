package dev.hafs.exporter.parse;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The kinds of records a cap can leave out of a file, with the {@code kind} label value of
 * {@code hafs_source_records_capped}. The caps themselves are in {@link RecordLimits}.
 */
public enum CappedKind {
    GENERATORS("generators"),
    THRESHOLDS("thresholds"),
    REJECTION_REASONS("rejection_reasons"),
    SCORE_SERIES("score_series"),
    REGIONS("regions"),
    RUNS("runs"),
    EVAL_METRICS("eval_metrics"),
    DOMAIN_EFFECTIVENESS("domain_effectiveness"),
    RUN_DOMAINS("run_domains"),
    THRESHOLD_EFFECTIVENESS("threshold_effectiveness"),
    VALIDATION_CHECKS("validation_checks"),
    DATASETS("datasets"),
    DATASET_DOMAINS("dataset_domains"),
    DATASET_REJECTION_REASONS("dataset_rejection_reasons"),
    DATASET_REJECTION_DOMAINS("dataset_rejection_domains");

    private final String label;

    CappedKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** An unmodifiable copy in declaration order, for the records that carry the counts. */
    static Map<CappedKind, Long> copyOf(Map<CappedKind, Long> counts) {
        Map<CappedKind, Long> copy = new EnumMap<>(CappedKind.class);
        copy.putAll(counts);
        return Collections.unmodifiableMap(copy);
    }
}
