package dev.hafs.exporter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The provisioned Grafana dashboard, read as plain JSON so tests see exactly what Grafana loads. */
final class DashboardJson {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path FILE = ROOT.resolve("grafana/dashboards/hafs-training.json");

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

    private final JsonNode root;

    private DashboardJson(JsonNode root) {
        this.root = root;
    }

    static DashboardJson load() {
        try {
            return new DashboardJson(new ObjectMapper().readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    JsonNode variable(String name) {
        for (JsonNode variable : root.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no template variable " + name);
    }
}
