package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.CappedKind;
import dev.hafs.exporter.parse.EmbeddingRegion;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.TrainingSnapshot;

/**
 * Chart 3: regions by position and sample count; sparse ones (below half the mean) as red
 * circles, dense ones as green squares, so the two differ in shape as well as colour.
 */
public final class EmbeddingCoverageChart {
    private EmbeddingCoverageChart() {
    }

    public static String render(TrainingSnapshot snapshot) {
        var unavailable = Panel.unavailable(snapshot.source(Source.ACTIVE_LEARNING), Source.ACTIVE_LEARNING.fileName());
        if (unavailable.isPresent()) {
            return Panel.of("embedding-coverage", "Embedding Coverage", Panel.empty(unavailable.get()));
        }
        ActiveLearning learning = snapshot.activeLearning().orElseThrow();
        if (learning.regions().isEmpty()) {
            return Panel.of("embedding-coverage", "Embedding Coverage", Panel.empty("No embedding regions yet."));
        }
        String title = "Embedding Coverage — score "
                + learning.coverageScore().stream().mapToObj(Svg::format).findFirst().orElse("n/a") + ", " + regionCounts(learning);
        double max = Math.max(1, learning.regions().stream().mapToDouble(EmbeddingRegion::sampleCount)
                .filter(Double::isFinite).max().orElse(1));
        Svg svg = new Svg("embedding-coverage", title).yAxis(0, max, 4, "");
        int span = Math.max(1, learning.regionsPresent() - 1);
        double sparseLine = ActiveLearning.SPARSE_FRACTION * learning.meanSampleCount().orElse(0);
        double lineY = Svg.y(sparseLine, 0, max);
        svg.line(Svg.LEFT, lineY, Svg.WIDTH - Svg.RIGHT, lineY, "threshold");
        svg.text(Svg.WIDTH - Svg.RIGHT - 4, lineY - 4, "end", "threshold-label", "sparse below " + Svg.format(sparseLine));
        for (EmbeddingRegion region : learning.regions()) {
            double x = Svg.LEFT + Svg.plotWidth() * region.index() / span;
            double y = Svg.y(region.sampleCount(), 0, max);
            String label = "region " + region.index() + " (" + region.domain() + "): " + Svg.format(region.sampleCount()) + " samples";
            if (learning.isSparse(region)) {
                svg.circle(x, y, 5, "point sparse", label + ", sparse");
            } else {
                svg.rect(x - 4.5, y - 4.5, 9, 9, "point dense", label + ", dense");
            }
        }
        svg.text(Svg.LEFT + Svg.plotWidth() / 2, Svg.HEIGHT - Svg.BOTTOM + 20, "middle", "label", "region position");
        String legend = "<ul class=\"legend\"><li><span class=\"swatch sparse\"></span>sparse (● below 0.5 × mean)</li>"
                + "<li><span class=\"swatch dense\"></span>dense (■)</li></ul>";
        return Panel.of("embedding-coverage", title, svg.close() + legend);
    }

    /**
     * The statistics cover the regions drawn (beyond --regions.limit only the first are kept), so the
     * counts share one basis; the title says how many the file has when they differ.
     */
    static String regionCounts(ActiveLearning learning) {
        String counts = learning.sparseRegions() + " sparse of " + learning.regions().size() + " regions";
        return learning.capped(CappedKind.REGIONS) > 0 ? counts + " shown (" + learning.regionsPresent() + " in the file)" : counts;
    }
}
