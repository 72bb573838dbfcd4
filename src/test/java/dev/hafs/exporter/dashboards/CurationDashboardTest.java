package dev.hafs.exporter.dashboards;

import static dev.hafs.exporter.dashboards.DashboardJson.exprs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the HAFS Curation dashboard must show (issue 13): the newest datasets as a table, yield and size per
 * dataset over time, the newest dataset's rejections, and the pilot and campaign, in the Training dashboard's
 * variables. CurationDashboardQueriesTest checks what the queries return.
 */
class CurationDashboardTest {
    private final DashboardJson dashboard = DashboardJson.load(DashboardJson.CURATION);

    @Test
    void isTheCurationDashboardWithTheTrainingDashboardsVariables() {
        assertThat(dashboard.uid()).isEqualTo("hafs-curation");
        assertThat(dashboard.root().path("title").asText()).isEqualTo("HAFS Curation");
        DashboardJson training = DashboardJson.load();
        for (String name : List.of("datasource", "job", "instance")) {
            assertThat(dashboard.variable(name)).as("variable %s", name).isEqualTo(training.variable(name));
        }
        assertThat(dashboard.root().path("templating").path("list")).hasSize(3);
    }

    @Test
    void theDatasetsTableShowsTheNewestFirstWithTheColumnsAsked() {
        JsonNode table = dashboard.panel("Datasets");
        assertThat(table.path("type").asText()).isEqualTo("table");
        JsonNode renames = transformation(table, "organize").path("options").path("renameByName");
        assertThat(renames.properties()).extracting(e -> e.getValue().asText()).containsExactly("Created", "Generated",
                "Final samples", "Yield", "Deduplicated share", "Quality", "Duration");
        JsonNode sort = transformation(table, "sortBy").path("options").path("sort").get(0);
        assertThat(sort.path("field").asText()).isEqualTo("Created");
        assertThat(sort.path("desc").asBoolean()).isTrue();
        assertThat(unitOf(table, "Created")).isEqualTo("dateTimeAsIso");
        assertThat(unitOf(table, "Yield")).isEqualTo("percentunit");
        assertThat(unitOf(table, "Deduplicated share")).isEqualTo("percentunit");
        assertThat(unitOf(table, "Duration")).isEqualTo("dtdurations");
        table.path("targets").forEach(target -> assertThat(target.path("format").asText()).as("format of %s",
                target.path("refId")).isEqualTo("table"));
        assertThat(exprs(table).get(3)).matches("hafs_dataset_samples_final\\{[^}]*} / \\(hafs_dataset_samples_generated\\{[^}]*} > 0\\)");
        assertThat(exprs(table).get(4))
                .matches("hafs_dataset_samples_deduplicated\\{[^}]*} / \\(hafs_dataset_samples_passed_quality\\{[^}]*} > 0\\)");
    }

    @Test
    void yieldAndSizeArePlottedAgainstCreationTime() {
        for (String title : List.of("Yield per dataset", "Size per dataset")) {
            JsonNode chart = dashboard.panel(title);
            assertThat(chart.path("type").asText()).isEqualTo("xychart");
            assertThat(chart.path("options").path("series").get(0).path("x").path("matcher").path("options").asText())
                    .as("x of %s", title).isEqualTo("Created");
            assertThat(exprs(chart).getFirst()).startsWith("1000 * hafs_dataset_created_timestamp_seconds{");
        }
        assertThat(dashboard.panel("Yield per dataset").path("fieldConfig").path("defaults").path("unit").asText())
                .isEqualTo("percentunit");
    }

    @Test
    void rejectionsAreTheNewestDatasetsOfEachHost() {
        for (String title : List.of("Rejections of the newest dataset by reason", "Rejections of the newest dataset by domain")) {
            assertThat(exprs(dashboard.panel(title))).singleElement().satisfies(expr -> assertThat(expr)
                    .contains("and on(job, instance, dataset)",
                            "== on(job, instance) group_left max by (job, instance) (hafs_dataset_created_timestamp_seconds{"));
        }
    }

    /** The campaign row marks HAFS's own health-check limits and the alert's, so the two can be compared. */
    @Test
    void theCampaignRowMarksHafsLimitsAndTheAlerts() throws IOException {
        assertThat(dashboard.panel("Campaign progress").path("fieldConfig").path("defaults").path("unit").asText())
                .isEqualTo("percent");
        assertThat(exprs(dashboard.panel("Items per minute"))).singleElement()
                .satisfies(expr -> assertThat(expr).startsWith("60 * rate((hafs_campaign_progress{").contains("> 0)[15m:1m])"));
        assertThat(thresholdValues(dashboard.panel("Items per minute"))).containsExactly(5.0);
        assertThat(thresholdValues(dashboard.panel("Status age"))).containsExactly(600.0, 1800.0);
        assertThat(stalledAlertExpression()).contains("time() - hafs_campaign_monitor_timestamp_seconds > 30 * 60");
        assertThat(exprs(dashboard.panel("Orchestrator phase"))).singleElement()
                .satisfies(expr -> assertThat(expr).endsWith("} == 1"));
        assertThat(dashboard.panel("Orchestrator phase").path("options").path("textMode").asText()).isEqualTo("name");
        assertThat(exprs(dashboard.panel("Running / process"))).hasSize(2)
                .anySatisfy(expr -> assertThat(expr).startsWith("hafs_campaign_process_up{"));
        assertThat(exprs(dashboard.panel("Pilot quality against its threshold")))
                .anySatisfy(expr -> assertThat(expr).startsWith("hafs_pilot_estimated_quality{"))
                .anySatisfy(expr -> assertThat(expr).startsWith("hafs_pilot_quality_threshold{"));
        assertThat(exprs(dashboard.panel("Validation checks")))
                .anySatisfy(expr -> assertThat(expr).startsWith("hafs_campaign_validation_check{"));
    }

    private static JsonNode transformation(JsonNode panel, String id) {
        for (JsonNode transformation : panel.path("transformations")) {
            if (id.equals(transformation.path("id").asText())) {
                return transformation;
            }
        }
        throw new AssertionError("no " + id + " transformation in " + panel.path("title"));
    }

    private static String unitOf(JsonNode panel, String field) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (field.equals(override.path("matcher").path("options").asText())) {
                for (JsonNode property : override.path("properties")) {
                    if ("unit".equals(property.path("id").asText())) {
                        return property.path("value").asText();
                    }
                }
            }
        }
        return panel.path("fieldConfig").path("defaults").path("unit").asText();
    }

    private static List<Double> thresholdValues(JsonNode panel) {
        List<Double> values = new ArrayList<>();
        for (JsonNode step : panel.path("fieldConfig").path("defaults").path("thresholds").path("steps")) {
            if (!step.path("value").isNull()) {
                values.add(step.path("value").asDouble());
            }
        }
        return values;
    }

    private static String stalledAlertExpression() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(DashboardJson.ROOT.resolve("prometheus/rules/hafs-alerts.rules.yml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if ("HafsCampaignStalled".equals(rule.path("alert").asText())) {
                    return rule.path("expr").asText();
                }
            }
        }
        throw new AssertionError("no HafsCampaignStalled in prometheus/rules/hafs-alerts.rules.yml");
    }
}
