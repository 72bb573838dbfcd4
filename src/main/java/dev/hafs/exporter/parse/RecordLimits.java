package dev.hafs.exporter.parse;

/**
 * How many records of each kind are kept per file, applied while the file streams past, so memory
 * follows these numbers and not the file. Every kept record becomes series in Prometheus; what is
 * left out is counted per {@link CappedKind}, never silently lost. Runs, generators and regions
 * have flags because real installs accumulate them; the other kinds are a handful in real files
 * (six thresholds, seven reasons, a few metrics and domains), so a fixed cap far above that is
 * enough, and a flag per kind would be configuration nobody needs.
 */
public record RecordLimits(int runs, int generators, int regions) {
    /** Longer names (generators, run ids, domains, keys) are cut: a label value is not a document. */
    public static final int MAX_NAME_LENGTH = 256;
    public static final int THRESHOLDS = 100;
    public static final int REJECTION_REASONS_PER_GENERATOR = 50;
    /** Over all kept generators, given to those that generated most first. */
    public static final int REJECTION_REASONS = 2_000;
    public static final int EVAL_METRICS_PER_RUN = 50;
    /** Over all kept runs, given to the newest first. */
    public static final int EVAL_METRICS = 2_000;
    public static final int DOMAIN_EFFECTIVENESS = 200;
    /** (domain, score) series of the rejection history, the first ones in file order. */
    public static final int SCORE_SERIES = 1_000;

    public static final RecordLimits DEFAULTS = new RecordLimits(1000, 500, 2000);

    public RecordLimits {
        if (runs < 1 || generators < 1 || regions < 1) {
            throw new IllegalArgumentException("record limits must be at least 1");
        }
    }
}
