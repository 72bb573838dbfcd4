package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.dashboards.HafsViewerExpectations.Bar;
import dev.hafs.exporter.dashboards.HafsViewerExpectations.SeriesKey;
import dev.hafs.exporter.dashboards.PrometheusHttp.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.assertj.core.data.Offset;

/**
 * For every target of the dashboard, what its instant query must return at "All" for the training files
 * HAFS's viewers would read, so a panel without a check here fails the test until one is written.
 */
final class PanelExpectations {
    private static final Offset<Double> EXACT = within(1e-9);
    private static final List<String> FILES = List.of("active_learning.json", "quality_feedback.json",
            "training_feedback.json");

    private final Map<String, Consumer<List<Sample>>> checks = new LinkedHashMap<>();

    /**
     * @param previousQuality the quality file of the batch before, or null when the counters have not
     *                        moved since Prometheus started scraping
     */
    PanelExpectations(HafsViewerExpectations hafs, JsonNode previousQuality) {
        on("Sources loaded (of 3)/A", samples -> single(samples, 3));
        on("Generators/A", samples -> single(samples, hafs.generators()));
        on("Regions/A", samples -> single(samples, hafs.regionSamples().size()));
        on("Completed runs/A", samples -> single(samples, hafs.completedRuns()));
        on("Running runs/A", samples -> single(samples, hafs.runningRuns()));
        on("Load failures/A", samples -> single(samples, 0));
        on("Since last load/A", samples -> assertThat(one(samples).value()).isBetween(-1.0, 600.0));

        on("Quality Trends/A", samples -> {
            Map<SeriesKey, Double> drawn = new LinkedHashMap<>();
            samples.forEach(s -> drawn.put(new SeriesKey(s.label("domain"), s.label("score")), s.value()));
            Map<SeriesKey, Double> expected = hafs.recentMeans();
            assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((key, mean) -> assertThat(drawn.get(key)).as("recent mean of %s", key)
                    .isCloseTo(mean, EXACT));
        });
        on("Quality Trends/B", samples -> assertThat(one(samples).value()).isCloseTo(hafs.minQualityScore(), EXACT));
        on("Generator Stats/A", samples -> bars(samples, "generator", hafs.acceptancePercent()));

        on("Embedding Coverage/A", samples -> regions(samples, hafs, true));
        on("Embedding Coverage/B", samples -> regions(samples, hafs, false));
        on("Coverage score/A", samples -> assertThat(one(samples).value()).isCloseTo(hafs.coverageScore(), EXACT));
        on("Sparse regions/A", samples -> single(samples, hafs.sparseRegions().size()));

        on("Training Runs/A", samples -> bars(samples, "run", hafs.bestRuns(10)));
        on("Domain effectiveness/A", samples -> {
            List<Bar> expected = hafs.domainEffectiveness().entrySet().stream()
                    .map(e -> new Bar(e.getKey(), e.getValue()))
                    .sorted((a, b) -> Double.compare(b.value(), a.value())).toList();
            bars(samples, "domain", expected);
        });

        on("Rejection reasons per generator/A", samples -> {
            if (previousQuality == null) {
                assertThat(samples).as("no rejections while the counters stand still").isEmpty();
                return;
            }
            Map<List<String>, Double> increases = HafsViewerExpectations.rejectionIncreases(previousQuality,
                    hafs.quality());
            Map<List<String>, Double> drawn = new LinkedHashMap<>();
            samples.forEach(s -> drawn.put(List.of(s.label("generator"), s.label("reason")), s.value()));
            assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(increases.keySet());
            // increase() extrapolates to the edges of the range, by at most a scrape interval or two.
            increases.forEach((key, added) -> assertThat(drawn.get(key)).as("rejections added for %s", key)
                    .isBetween(added - 1e-9, added * 1.5));
            assertThat(samples).extracting(Sample::value).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        });
        on("Rejection ratio over time/A", samples -> {
            if (previousQuality == null) {
                assertThat(samples).allSatisfy(s -> assertThat(s.value()).isNaN());
                return;
            }
            Map<String, Double> expected = HafsViewerExpectations.rejectionRatios(previousQuality, hafs.quality());
            Map<String, Double> drawn = new TreeMap<>();
            samples.forEach(s -> drawn.put(s.label("generator"), s.value()));
            assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((generator, ratio) -> {
                if (ratio.isNaN()) {
                    assertThat(drawn.get(generator)).as("ratio of idle %s", generator).isNaN();
                } else {
                    // Both rates come from the same scrapes, so extrapolation cancels out in the ratio.
                    assertThat(drawn.get(generator)).as("rejection ratio of %s", generator).isCloseTo(ratio, EXACT);
                }
            });
        });
        on("Rejection ratio over time/B", samples -> {
            if (previousQuality == null) {
                assertThat(samples).allSatisfy(s -> assertThat(s.value()).isNaN());
                return;
            }
            assertThat(one(samples).value()).isCloseTo(
                    HafsViewerExpectations.overallRejectionRatio(previousQuality, hafs.quality()), EXACT);
        });

        on("Source files/A", samples -> perFile(samples, 2));
        on("Skipped records/A", samples -> perFile(samples, 0));
    }

    private void on(String key, Consumer<List<Sample>> check) {
        checks.put(key, check);
    }

    void check(Target target, List<Sample> samples) {
        Consumer<List<Sample>> check = checks.get(target.key());
        if (check == null) {
            throw new AssertionError("no expectation for " + target.key() + ": add one to PanelExpectations");
        }
        try {
            check.accept(samples);
        } catch (AssertionError e) {
            throw new AssertionError(target.key() + " [" + target.expr() + "] returned " + samples + ": "
                    + e.getMessage(), e);
        }
    }

    private static Sample one(List<Sample> samples) {
        assertThat(samples).hasSize(1);
        return samples.getFirst();
    }

    private static void single(List<Sample> samples, double expected) {
        assertThat(one(samples).value()).isEqualTo(expected);
    }

    /** The expected bars, in order of value; bars of equal value may come in any order (sort() is not stable). */
    private static void bars(List<Sample> samples, String label, List<Bar> expected) {
        Map<String, Double> drawn = new LinkedHashMap<>();
        samples.forEach(s -> drawn.put(s.label(label), s.value()));
        assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(Bar::label).toList());
        expected.forEach(bar -> assertThat(drawn.get(bar.label())).as("bar %s", bar.label()).isCloseTo(bar.value(), EXACT));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(samples.get(i).value()).as("bar %d in order", i).isCloseTo(expected.get(i).value(), EXACT);
        }
    }

    private static void regions(List<Sample> samples, HafsViewerExpectations hafs, boolean sparse) {
        Map<Integer, Double> expected = new TreeMap<>();
        hafs.regionSamples().forEach((index, count) -> {
            if (hafs.sparseRegions().contains(index) == sparse) {
                expected.put(index, count);
            }
        });
        Map<Integer, Double> drawn = new TreeMap<>();
        samples.forEach(s -> drawn.put(Integer.parseInt(s.label("region_index")), s.value()));
        assertThat(drawn).isEqualTo(expected);
    }

    private static void perFile(List<Sample> samples, double expected) {
        Map<String, Double> drawn = new TreeMap<>();
        samples.forEach(s -> drawn.put(s.label("file"), s.value()));
        assertThat(drawn.keySet()).containsExactlyElementsOf(FILES);
        assertThat(drawn.values()).containsOnly(expected);
    }
}
