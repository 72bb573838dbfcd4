package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Curation dashboard, with its variables at "All", evaluated by promtool's PromQL engine on
 * series shaped like issue 13's metrics (src/test/resources/fixtures/curation/queries.test.yml), returns what
 * the panel must show: the newest dataset per host, yields, progress in percent of its target, items per minute
 * and an ETA that leave HAFS's fallback to 0 of 34500 out, the age of the monitor's status. It covers what one
 * exporter cannot show at once (two hosts, a failed pilot, a fallback to 0) in seconds; CurationDashboardIT runs
 * the same queries on a real Prometheus scraping the exporter over the curation fixture.
 */
class CurationDashboardQueriesTest {
    private static final Path FIXTURE = DashboardJson.ROOT.resolve("src/test/resources/fixtures/curation/queries.test.yml");
    private static final Pattern PANEL = Pattern.compile("(?m)^(\\s*)- panel: (.+)$");
    private static final ExternalTool PROMTOOL = new ExternalTool("promtool", "apt-get install prometheus");

    @TempDir
    Path temp;

    @Test
    void everyQueryReturnsWhatItsPanelMustShow() throws IOException {
        DashboardJson dashboard = DashboardJson.load(DashboardJson.CURATION);
        TemplateVariables all = TemplateVariables.all(dashboard).intervals("5m", "5m");
        Map<String, String> queries = dashboard.targets().stream()
                .collect(Collectors.toMap(Target::key, target -> all.apply(target.expr()), (a, b) -> a));
        String fixture = Files.readString(FIXTURE);

        Set<String> listed = new TreeSet<>();
        Matcher panel = PANEL.matcher(fixture);
        String test = panel.replaceAll(match -> {
            listed.add(match.group(2));
            String expr = queries.getOrDefault(match.group(2), "missing_query_for_" + match.group(2));
            return Matcher.quoteReplacement(match.group(1) + "- expr: '" + expr.replace("'", "''") + "'");
        });
        assertThat(listed).as("queries the fixture checks (Panel title/refId)").isEqualTo(new TreeSet<>(queries.keySet()));
        Path file = temp.resolve("curation-queries.test.yml");
        Files.writeString(file, test);

        ExternalTool.Result result = PROMTOOL.run(null, List.of("test", "rules", file.toString()));

        assertThat(result.exitCode()).as("promtool test rules on the Curation dashboard's queries:%n%s", result.output())
                .isZero();
    }
}
