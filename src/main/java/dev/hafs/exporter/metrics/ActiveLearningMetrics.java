package dev.hafs.exporter.metrics;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.EmbeddingRegion;

/** active_learning.json as metric families: the embedding coverage chart's data. */
final class ActiveLearningMetrics {
    private ActiveLearningMetrics() {
    }

    static void translate(ActiveLearning learning, MetricSink sink) {
        Family regions = Family.gauge("hafs_embedding_regions", "Embedding regions present in active_learning.json.");
        regions.add(learning.regionsPresent());
        Family target = Family.gauge("hafs_embedding_regions_target",
                "Configured target number of regions (num_regions), not a count.");
        learning.numRegionsTarget().ifPresent(target::add);

        Family samples = Family.gauge("hafs_embedding_region_samples",
                "Samples in an embedding region; region_index is the region's position in the file.", "region_index", "domain");
        Family quality = Family.gauge("hafs_embedding_region_quality_avg",
                "Running average quality of an embedding region (starts at 0, so it reads low).", "region_index", "domain");
        for (EmbeddingRegion region : learning.regions()) {
            String index = Integer.toString(region.index());
            samples.add(region.sampleCount(), index, region.domain());
            region.avgQuality().ifPresent(value -> quality.add(value, index, region.domain()));
        }

        Family sparse = Family.gauge("hafs_embedding_sparse_regions",
                "Regions with fewer samples than 0.5 x the mean sample count.");
        sparse.add(learning.sparseRegions());
        Family coverage = Family.gauge("hafs_embedding_coverage_score",
                "clamp(1 - population stddev / mean of region sample counts, 0, 1); 1 is perfectly even coverage.");
        learning.coverageScore().ifPresent(coverage::add);
        sink.add(regions, target, samples, quality, sparse, coverage);
    }
}
