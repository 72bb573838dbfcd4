package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.dashboards.PromQlSelectors.LabelMatcher;
import dev.hafs.exporter.dashboards.PromQlSelectors.Selector;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Fixtures;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard counts and lists every generator, also one that lacks the optional fields
 * ({@code avg_quality_score} appears once a sample was accepted; the acceptance ratio is absent while
 * nothing was judged): the queries that enumerate generators (the {@code $generator} variable, the
 * {@code count()}s) must use a series the exporter writes for every generator. Checked against a real
 * scrape of the dashboard fixture, which has such generators; PrometheusDashboardIT runs the queries.
 */
class DashboardEntitiesTest {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([A-Za-z_]\\w*)\\)");
    private static final Set<String> ENUMERATING_FUNCTIONS = Set.of("count", "group");

    @Test
    void queriesThatCountOrListGeneratorsUseASeriesEveryGeneratorHas() {
        Map<String, Set<String>> generatorsBySeries = generatorsBySeries();
        Set<String> everyGenerator = new TreeSet<>();
        generatorsBySeries.values().forEach(everyGenerator::addAll);
        assertThat(generatorsBySeries.get("hafs_generator_quality_score_avg"))
                .as("the fixture has generators without avg_quality_score").isNotEqualTo(everyGenerator);
        assertThat(generatorsBySeries.get("hafs_generator_acceptance_ratio"))
                .as("the fixture has generators that judged nothing yet").isNotEqualTo(everyGenerator);

        Set<String> enumerating = new LinkedHashSet<>();
        DashboardJson dashboard = DashboardJson.load();
        for (JsonNode variable : dashboard.root().path("templating").path("list")) {
            Matcher query = LABEL_VALUES.matcher(variable.path("query").asText());
            if (query.matches() && query.group(2).equals("generator")) {
                PromQlSelectors.scan(query.group(1)).forEach(selector -> enumerating.add(selector.metric()));
            }
        }
        for (Target target : dashboard.targets()) {
            for (Selector selector : PromQlSelectors.scan(target.expr())) {
                if (ENUMERATING_FUNCTIONS.contains(selector.enclosingFunction())
                        && generatorsBySeries.containsKey(selector.metric())) {
                    enumerating.add(selector.metric());
                }
            }
        }

        assertThat(enumerating).as("series the dashboard counts or lists generators by").isNotEmpty();
        for (String metric : enumerating) {
            assertThat(generatorsBySeries.get(metric)).as("generators that have a %s series", metric)
                    .isEqualTo(everyGenerator);
        }
    }

    /** Metric name → the generator label values it has on /metrics, for the families with that label. */
    private static Map<String, Set<String>> generatorsBySeries() {
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + Fixtures.directory("dashboard"), "--web.listen-address=127.0.0.1:0"))) {
            Map<String, Set<String>> bySeries = new TreeMap<>();
            for (String series : new ExporterClient(exporter.port()).scrape().samples().keySet()) {
                int brace = series.indexOf('{');
                if (brace < 0) {
                    continue;
                }
                for (LabelMatcher label : PromQlSelectors.matchers(series.substring(brace + 1, series.length() - 1))) {
                    if (label.label().equals("generator")) {
                        bySeries.computeIfAbsent(series.substring(0, brace), name -> new HashSet<>()).add(label.value());
                    }
                }
            }
            return bySeries;
        }
    }
}
