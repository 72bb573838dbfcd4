package dev.hafs.exporter.parse;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Sample-count statistics over the kept regions, as HAFS's viewers compute them: the mean, the
 * number of sparse regions (below {@link ActiveLearning#SPARSE_FRACTION} of the mean), and the
 * coverage score clamp(1 − population stddev / mean, 0, 1).
 */
public record RegionStatistics(OptionalDouble mean, long sparse, OptionalDouble coverageScore) {

    public static RegionStatistics of(List<EmbeddingRegion> regions) {
        if (regions.isEmpty()) {
            return new RegionStatistics(OptionalDouble.empty(), 0, OptionalDouble.empty());
        }
        double sum = 0;
        for (EmbeddingRegion region : regions) {
            sum += region.sampleCount();
        }
        double mean = sum / regions.size();
        double squares = 0;
        long sparse = 0;
        for (EmbeddingRegion region : regions) {
            squares += (region.sampleCount() - mean) * (region.sampleCount() - mean);
            if (region.sampleCount() < ActiveLearning.SPARSE_FRACTION * mean) {
                sparse++;
            }
        }
        OptionalDouble coverage = mean == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, Math.min(1, 1 - Math.sqrt(squares / regions.size()) / mean)));
        return new RegionStatistics(OptionalDouble.of(mean), sparse, coverage);
    }

    boolean isSparse(double sampleCount) {
        return mean.isPresent() && sampleCount < ActiveLearning.SPARSE_FRACTION * mean.getAsDouble();
    }
}
