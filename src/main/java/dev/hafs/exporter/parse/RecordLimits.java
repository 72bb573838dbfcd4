package dev.hafs.exporter.parse;

/**
 * How many records of each kind are kept per source, applied while it streams past, so memory
 * follows these numbers and not the files. Every kept record becomes series in Prometheus; what is
 * left out is counted per {@link CappedKind}, never silently lost. Runs, generators, regions and
 * datasets have flags because real installs accumulate them; the other kinds are a handful in real
 * files (six thresholds, seven reasons, a few metrics, domains and checks), so a fixed cap far above
 * that is enough, and a flag per kind would be configuration nobody needs.
 */
public record RecordLimits(int runs, int generators, int regions, int datasets) {
    /** Longer names (generators, run ids, domains, keys) are cut: a label value is not a document. */
    public static final int MAX_NAME_LENGTH = 256;
    public static final int THRESHOLDS = 100;
    public static final int REJECTION_REASONS_PER_GENERATOR = 50;
    /** Over all kept generators, given to those that generated most first. */
    public static final int REJECTION_REASONS = 2_000;
    public static final int EVAL_METRICS_PER_RUN = 50;
    /** Over all kept runs, given to the newest first. */
    public static final int EVAL_METRICS = 2_000;
    public static final int RUN_DOMAINS_PER_RUN = 50;
    /** domain_distribution entries over all kept runs, given to the newest first. */
    public static final int RUN_DOMAINS = 2_000;
    public static final int DOMAIN_EFFECTIVENESS = 200;
    public static final int THRESHOLD_EFFECTIVENESS = 200;
    /** (domain, score) series of the rejection history, the first ones in file order. */
    public static final int SCORE_SERIES = 1_000;
    /** campaign_validation.json's checks (HAFS writes three). */
    public static final int VALIDATION_CHECKS = 50;
    /** Each of a dataset's maps (domain_counts, by_reason, by_domain) keeps its first entries... */
    public static final int DATASET_ENTRIES_PER_MAP = 50;
    /** ...and each map kind keeps this many over all kept datasets, given to the newest first. */
    public static final int DATASET_ENTRIES = 2_000;
    /**
     * A dataset's stats.json, metadata.json and rejection_summary.json hold counts (a few kB); one
     * larger than this is not read (the folder is skipped), whatever --source.max-bytes allows.
     */
    public static final long DATASET_FILE_BYTES = 1 << 20;

    public static final RecordLimits DEFAULTS = new RecordLimits(1000, 500, 2000, 100);

    public RecordLimits {
        if (runs < 1 || generators < 1 || regions < 1 || datasets < 1) {
            throw new IllegalArgumentException("record limits must be at least 1");
        }
    }
}
