package dev.hafs.exporter.parse;

import java.util.OptionalDouble;

/**
 * Sample-count statistics over every region, as HAFS's viewers compute them: the mean, the
 * number of sparse regions (below {@link ActiveLearning#SPARSE_FRACTION} of the mean), and the
 * coverage score clamp(1 − population stddev / mean, 0, 1).
 */
public record RegionStatistics(long regions, OptionalDouble mean, long sparse, OptionalDouble coverageScore) {

    public static RegionStatistics of(double[] sampleCounts, int length) {
        if (length == 0) {
            return new RegionStatistics(0, OptionalDouble.empty(), 0, OptionalDouble.empty());
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += sampleCounts[i];
        }
        double mean = sum / length;
        double squares = 0;
        long sparse = 0;
        for (int i = 0; i < length; i++) {
            squares += (sampleCounts[i] - mean) * (sampleCounts[i] - mean);
            if (sampleCounts[i] < ActiveLearning.SPARSE_FRACTION * mean) {
                sparse++;
            }
        }
        OptionalDouble coverage = mean == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, Math.min(1, 1 - Math.sqrt(squares / length) / mean)));
        return new RegionStatistics(length, OptionalDouble.of(mean), sparse, coverage);
    }

    boolean isSparse(double sampleCount) {
        return mean.isPresent() && sampleCount < ActiveLearning.SPARSE_FRACTION * mean.getAsDouble();
    }
}
