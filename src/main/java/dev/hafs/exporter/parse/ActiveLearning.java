package dev.hafs.exporter.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * active_learning.json without its centroids. {@code regionsPresent} is the array's length;
 * {@code regions} holds the well-formed regions up to the limit, and the statistics cover exactly
 * those, so the exported regions, the sparse count and the coverage score share one basis.
 * {@code numRegionsTarget} is HAFS's configured target, not a count.
 */
public record ActiveLearning(
        List<EmbeddingRegion> regions,
        int regionsPresent,
        RegionStatistics statistics,
        Optional<Double> numRegionsTarget,
        Optional<Instant> lastUpdated,
        Map<CappedKind, Long> recordsCapped) implements SourceData {

    /** Below this share of the mean sample count a region is sparse, as in HAFS's viewers. */
    public static final double SPARSE_FRACTION = 0.5;

    public ActiveLearning {
        regions = List.copyOf(regions);
        recordsCapped = CappedKind.copyOf(recordsCapped);
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
}
