package dev.hafs.exporter.parse;

/**
 * How many records of each unbounded kind are kept per file. Run ids, generator names and regions
 * accumulate without bound in the wild, and every kept record becomes series in Prometheus; what
 * is left out is counted, never silently lost. Aggregates (run counts, coverage) still cover all.
 */
public record RecordLimits(int runs, int generators, int regions, int scoreSeries) {
    public static final int DEFAULT_SCORE_SERIES = 1000;
    /** Longer names (generators, run ids, domains, keys) are cut: a label value is not a document. */
    public static final int MAX_NAME_LENGTH = 256;
    public static final RecordLimits DEFAULTS = new RecordLimits(1000, 500, 2000, DEFAULT_SCORE_SERIES);

    public RecordLimits {
        if (runs < 1 || generators < 1 || regions < 1 || scoreSeries < 1) {
            throw new IllegalArgumentException("record limits must be at least 1");
        }
    }
}
