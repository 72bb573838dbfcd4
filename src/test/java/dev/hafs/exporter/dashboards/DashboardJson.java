package dev.hafs.exporter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A provisioned Grafana dashboard, read as plain JSON so tests see exactly what Grafana loads. */
final class DashboardJson {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path DIRECTORY = ROOT.resolve("grafana/dashboards");
    static final Path FILE = DIRECTORY.resolve("hafs-training.json");
    static final Path CURATION = DIRECTORY.resolve("hafs-curation.json");

    record Target(JsonNode panel, JsonNode target) {
        String panelTitle() {
            return panel.path("title").asText();
        }

        String refId() {
            return target.path("refId").asText();
        }

        String expr() {
            return target.path("expr").asText();
        }

        boolean isRangeQuery() {
            return target.path("range").asBoolean(!target.path("instant").asBoolean(false));
        }

        String key() {
            return panelTitle() + "/" + refId();
        }
    }

    private final Path file;
    private final JsonNode root;

    private DashboardJson(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The HAFS Training dashboard. */
    static DashboardJson load() {
        return load(FILE);
    }

    static DashboardJson load(Path file) {
        try {
            return new DashboardJson(file, new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every dashboard Grafana is provisioned with: each JSON file of grafana/dashboards. */
    static List<DashboardJson> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted()
                    .map(DashboardJson::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    String uid() {
        return root.path("uid").asText();
    }

    /** The file name, which parameterized tests show. */
    @Override
    public String toString() {
        return file.getFileName().toString();
    }

    JsonNode root() {
        return root;
    }

    /** Every panel, with the children of collapsed rows, rows themselves included. */
    List<JsonNode> allPanels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    List<JsonNode> visualPanels() {
        return allPanels().stream().filter(panel -> !"row".equals(panel.path("type").asText())).toList();
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (JsonNode panel : visualPanels()) {
            panel.path("targets").forEach(target -> targets.add(new Target(panel, target)));
        }
        return targets;
    }

    JsonNode panel(String title) {
        return visualPanels().stream()
                .filter(panel -> title.equals(panel.path("title").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled " + title));
    }

    /** The PromQL of a panel's queries, in refId order as written. */
    static List<String> exprs(JsonNode panel) {
        List<String> exprs = new ArrayList<>();
        panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText()));
        return exprs;
    }

    JsonNode variable(String name) {
        for (JsonNode variable : root.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no template variable " + name);
    }
}
