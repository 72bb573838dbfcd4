package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard type-checks against {@code @grafana/schema} of the Grafana version docker-compose.yml
 * runs (TypeScript over the JSON, string enums as the unions of their values; the npm project and its
 * pinned versions are in src/test/grafana-schema). Node and that project's node_modules are required,
 * not optional: scripts/run-tests.sh installs them, and a skipped check would let Grafana meet a
 * dashboard it does not understand. Slow tier: one TypeScript run takes 2–3 s.
 */
@Tag("slow")
class DashboardSchemaTest {
    private static final Path PROJECT = DashboardJson.ROOT.resolve("src/test/grafana-schema");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExternalTool NODE = new ExternalTool("node",
            "install Node.js and npm (apt-get install nodejs npm), then: npm ci --prefix src/test/grafana-schema");
    private static final Pattern COMPOSE_GRAFANA = Pattern.compile("grafana/grafana:(\\d+\\.\\d+\\.\\d+)");

    @TempDir
    Path temp;

    @Test
    void theSchemaIsTheOneOfTheGrafanaComposeRuns() throws IOException {
        Matcher compose = COMPOSE_GRAFANA.matcher(Files.readString(DashboardJson.ROOT.resolve("docker-compose.yml")));
        assertThat(compose.find()).as("docker-compose.yml's default Grafana image").isTrue();
        String grafana = compose.group(1);

        assertThat(JSON.readTree(PROJECT.resolve("package.json").toFile()).path("devDependencies").path("@grafana/schema")
                .asText()).as("@grafana/schema in package.json").isEqualTo(grafana);
        assertThat(JSON.readTree(PROJECT.resolve("package-lock.json").toFile()).path("packages")
                .path("node_modules/@grafana/schema").path("version").asText()).as("locked @grafana/schema").isEqualTo(grafana);
        assertThat(installedSchemaVersion()).as("installed @grafana/schema (npm ci --prefix src/test/grafana-schema)")
                .isEqualTo(grafana);
    }

    /** The shipped dashboards pass; copies with one mistake each (that Grafana would load without a word) do not. */
    @Test
    void everyDashboardTypeChecksAndMistakesAreCaught() throws IOException {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(DashboardJson.ROOT.resolve("grafana/dashboards"))) {
            dashboards = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).isNotEmpty();
        Path deprecatedStyle = mistake("style", root -> root.put("style", "dark"));
        Path unknownColorMode = mistake("color-mode", root -> panelWithColor(root).put("mode", "rainbow"));
        Path badRefresh = mistake("refresh", root -> ((ObjectNode) root.path("templating").path("list").get(1))
                .put("refresh", 7));
        List<String> args = new ArrayList<>();
        args.add(PROJECT.resolve("check-dashboards.mjs").toString());
        dashboards.forEach(file -> args.add(file.toString()));
        args.addAll(List.of(deprecatedStyle.toString(), unknownColorMode.toString(), badRefresh.toString()));
        assertThat(installedSchemaVersion()).as("installed @grafana/schema: npm ci --prefix src/test/grafana-schema")
                .isNotEmpty();

        ExternalTool.Result result = NODE.run(null, args);

        JsonNode report = JSON.readTree(result.output().substring(result.output().indexOf('{')));
        assertThat(report.has("(setup)")).as("the checker itself failed: %s", result.output()).isFalse();
        for (Path dashboard : dashboards) {
            assertThat(report.path(dashboard.toString())).as("type errors of %s", DashboardJson.ROOT.relativize(dashboard))
                    .isEmpty();
        }
        assertThat(report.path(deprecatedStyle.toString()).toString()).contains("'\\\"style\\\"' does not exist");
        assertThat(report.path(unknownColorMode.toString()).toString()).contains("\\\"rainbow\\\"");
        assertThat(report.path(badRefresh.toString()).toString()).contains("VariableRefresh");
        assertThat(result.exitCode()).as("exit code with errors in some files").isEqualTo(1);
    }

    private Path mistake(String name, Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(DashboardJson.FILE.toFile());
        change.accept(root);
        Path file = temp.resolve(name + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    private static ObjectNode panelWithColor(ObjectNode root) {
        for (JsonNode panel : root.path("panels")) {
            if (panel.path("fieldConfig").path("defaults").path("color").isObject()) {
                return (ObjectNode) panel.path("fieldConfig").path("defaults").path("color");
            }
        }
        throw new AssertionError("no panel with fieldConfig.defaults.color");
    }

    private static String installedSchemaVersion() throws IOException {
        Path installed = PROJECT.resolve("node_modules/@grafana/schema/package.json");
        return Files.isRegularFile(installed) ? JSON.readTree(installed.toFile()).path("version").asText() : "";
    }
}
