package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * active_learning.json without its centroids. {@code regionsPresent} is the array's length;
 * {@code regions} holds the well-formed regions up to the limit, while the statistics cover every
 * well-formed region. {@code numRegionsTarget} is HAFS's configured target, not a count.
 */
public record ActiveLearning(
        List<EmbeddingRegion> regions,
        int regionsPresent,
        RegionStatistics statistics,
        Optional<Double> numRegionsTarget,
        Optional<Double> embeddingDim,
        Optional<Instant> lastUpdated,
        long regionsLeftOut) implements SourceData {

    /** Below this share of the mean sample count a region is sparse, as in HAFS's viewers. */
    public static final double SPARSE_FRACTION = 0.5;

    public ActiveLearning {
        regions = List.copyOf(regions);
    }

    public OptionalDouble meanSampleCount() {
        return statistics.mean();
    }

    public boolean isSparse(EmbeddingRegion region) {
        return statistics.isSparse(region.sampleCount());
    }

    public long sparseRegions() {
        return statistics.sparse();
    }

    public OptionalDouble coverageScore() {
        return statistics.coverageScore();
    }

    @Override
    public Map<String, Long> recordsLeftOut() {
        return Map.of("regions", regionsLeftOut);
    }
}
