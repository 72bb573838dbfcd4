package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * active_learning.json without its centroids. {@code regionsPresent} is the array's length, which
 * can exceed {@code regions.size()} when malformed regions were skipped; {@code numRegionsTarget}
 * is HAFS's configured target, not a count.
 */
public record ActiveLearning(
        List<EmbeddingRegion> regions,
        int regionsPresent,
        Optional<Double> numRegionsTarget,
        Optional<Double> embeddingDim,
        Optional<Instant> lastUpdated) implements SourceData {

    /** Below this share of the mean sample count a region is sparse, as in HAFS's viewers. */
    public static final double SPARSE_FRACTION = 0.5;

    public ActiveLearning {
        regions = List.copyOf(regions);
    }

    public OptionalDouble meanSampleCount() {
        return regions.stream().mapToDouble(EmbeddingRegion::sampleCount).average();
    }

    public boolean isSparse(EmbeddingRegion region) {
        OptionalDouble mean = meanSampleCount();
        return mean.isPresent() && region.sampleCount() < SPARSE_FRACTION * mean.getAsDouble();
    }

    public long sparseRegions() {
        return regions.stream().filter(this::isSparse).count();
    }

    /** clamp(1 − population stddev / mean, 0, 1); nothing without regions or with a mean of 0. */
    public OptionalDouble coverageScore() {
        OptionalDouble mean = meanSampleCount();
        if (mean.isEmpty() || mean.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        double m = mean.getAsDouble();
        double variance = regions.stream().mapToDouble(r -> (r.sampleCount() - m) * (r.sampleCount() - m)).sum()
                / regions.size();
        double score = 1 - Math.sqrt(variance) / m;
        return OptionalDouble.of(Math.max(0, Math.min(1, score)));
    }
}
