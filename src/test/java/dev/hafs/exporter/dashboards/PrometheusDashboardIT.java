package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.dashboards.PrometheusHttp.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the dashboard, run by a real Prometheus that scrapes the exporter over fixture files,
 * returns the numbers HAFS's viewers draw from the same files: first for the files as found, then after
 * HAFS wrote its next curation batch, which is when the rate panels have something to show.
 */
class PrometheusDashboardIT {
    private static final Path FIXTURES = DashboardJson.ROOT.resolve("src/test/resources/fixtures/dashboard");
    /** Longer than the whole test, so rates and increases span every sample Prometheus took. */
    private static final String WHOLE_TEST = "5m";
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([A-Za-z_]\\w*)\\)");

    @TempDir
    Path trainingDir;

    private final DashboardJson dashboard = DashboardJson.load();

    @Test
    void everyPanelDrawsWhatHafsViewersDraw() throws IOException {
        for (String file : List.of("quality_feedback.json", "active_learning.json", "training_feedback.json")) {
            Files.copy(FIXTURES.resolve(file), trainingDir.resolve(file));
        }
        try (ScrapedExporter stack = ScrapedExporter.start(trainingDir)) {
            stack.awaitValue("sum(hafs_source_up{" + stack.target() + "})", 3, Duration.ofSeconds(60));
            // increase() and rate() need two samples of a series.
            stack.awaitValue("count_over_time(up{" + stack.target() + "}[5m]) >= bool 3", 1, Duration.ofSeconds(30));
            checkEveryTarget(stack, null);
            checkVariables(stack);

            JsonNode before = HafsViewerExpectations.readJson(trainingDir.resolve("quality_feedback.json"));
            nextCurationBatch();
            stack.awaitValue("hafs_generator_samples_generated_total{" + stack.target() + ", generator=\"unknown\"}",
                    HafsViewerExpectations.readJson(trainingDir.resolve("quality_feedback.json"))
                            .path("generator_stats").path("unknown").path("samples_generated").asDouble(),
                    Duration.ofSeconds(30));
            checkEveryTarget(stack, before);
            checkFilteredTargets(stack);
        }
    }

    private void checkEveryTarget(ScrapedExporter stack, JsonNode previousQuality) {
        PanelExpectations expectations = new PanelExpectations(HafsViewerExpectations.read(trainingDir),
                previousQuality);
        TemplateVariables all = TemplateVariables.all(dashboard).intervals(WHOLE_TEST, WHOLE_TEST);
        double time = stack.lastScrapeTime();
        List<Target> targets = dashboard.targets();
        assertThat(targets).hasSizeGreaterThanOrEqualTo(20);
        for (Target target : targets) {
            String promql = all.apply(target.expr());
            assertThat(promql).as("%s with every variable filled in", target.key()).doesNotContain("$");
            expectations.check(target, stack.api().query(promql, time));
            if (target.isRangeQuery()) {
                int series = stack.api().queryRange(promql, time - 60, time, 1);
                assertThat(series).as("series of range query %s", target.key()).isGreaterThan(0);
            }
        }
    }

    /**
     * Each query variable offers every value the files have, generators without the optional fields
     * included: its label_values(metric, label) asked of Prometheus the way Grafana asks it.
     */
    private void checkVariables(ScrapedExporter stack) {
        HafsViewerExpectations hafs = HafsViewerExpectations.read(trainingDir);
        Map<String, Set<String>> expected = Map.of("job", Set.of(ScrapedExporter.JOB), "instance", Set.of(stack.instance()),
                "generator", hafs.generatorNames(), "domain", hafs.historyDomains());
        TemplateVariables all = TemplateVariables.all(dashboard);
        double time = stack.lastScrapeTime();
        expected.forEach((name, values) -> {
            Matcher query = LABEL_VALUES.matcher(dashboard.variable(name).path("query").asText());
            assertThat(query.matches()).as("query of $%s", name).isTrue();
            String label = query.group(2);
            List<Sample> listed = stack.api().query("group by (" + label + ") (" + all.apply(query.group(1)) + ")", time);
            assertThat(listed).extracting(sample -> sample.label(label)).as("values of $%s", name)
                    .containsExactlyInAnyOrderElementsOf(values);
        });
    }

    /** With one value picked in every variable, each panel only shows series that carry it. */
    private void checkFilteredTargets(ScrapedExporter stack) {
        Map<String, String> picked = Map.of("job", ScrapedExporter.JOB, "instance", stack.instance(),
                "generator", "baseline", "domain", "asm");
        TemplateVariables variables = TemplateVariables.all(dashboard).intervals(WHOLE_TEST, WHOLE_TEST);
        picked.forEach(variables::select);
        double time = stack.lastScrapeTime();
        for (Target target : dashboard.targets()) {
            List<Sample> samples = stack.api().query(variables.apply(target.expr()), time);
            assertThat(samples).as("%s filtered", target.key()).allSatisfy(sample ->
                    picked.forEach((variable, value) -> {
                        if (target.expr().contains("$" + variable) && sample.labels().containsKey(variable)) {
                            assertThat(sample.label(variable)).as("%s of %s", variable, target.key())
                                    .isEqualTo(value);
                        }
                    }));
        }
        List<Sample> acceptance = stack.api().query(variables.apply(dashboard.panel("Generator Stats")
                .path("targets").get(0).path("expr").asText()), time);
        assertThat(acceptance).extracting(s -> s.label("generator")).containsExactly("baseline");
    }

    /** HAFS rewrites the file in place; a rename here keeps the test about the panels, not about torn reads. */
    private void nextCurationBatch() throws IOException {
        Path staged = trainingDir.resolve(".quality_feedback.json.next");
        Files.copy(FIXTURES.resolve("later/quality_feedback.json"), staged);
        Files.move(staged, trainingDir.resolve("quality_feedback.json"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
