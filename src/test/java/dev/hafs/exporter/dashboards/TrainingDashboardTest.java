package dev.hafs.exporter.dashboards;

import static dev.hafs.exporter.dashboards.DashboardJson.exprs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the HAFS Training dashboard must show: HAFS's four charts, and filters that follow the host variables. */
class TrainingDashboardTest {
    private final DashboardJson dashboard = DashboardJson.load();

    @Test
    void isTheTrainingDashboard() {
        assertThat(dashboard.uid()).isEqualTo("hafs-training");
    }

    @Test
    void filterVariablesFollowTheHostVariables() {
        for (String name : List.of("generator", "domain")) {
            JsonNode variable = dashboard.variable(name);
            assertThat(variable.path("datasource").path("uid").asText()).isIn(DashboardLintTest.DATASOURCE_REFS);
            assertThat(variable.path("multi").asBoolean()).isTrue();
            assertThat(variable.path("includeAll").asBoolean()).isTrue();
            // Generator names are free text, the empty name included, which ".+" would hide.
            assertThat(variable.path("allValue").asText()).isEqualTo(".*");
            assertThat(variable.path("query").asText()).contains("job=~\"$job\"", "instance=~\"$instance\"");
        }
    }

    @Test
    void theFourHafsChartsAreThere() {
        JsonNode trends = dashboard.panel("Quality Trends");
        assertThat(trends.path("type").asText()).isEqualTo("timeseries");
        assertThat(trends.path("fieldConfig").path("defaults").path("min").asDouble()).isZero();
        assertThat(trends.path("fieldConfig").path("defaults").path("max").asDouble()).isEqualTo(1.0);
        assertThat(exprs(trends)).anySatisfy(e -> assertThat(e).contains("hafs_quality_score_recent_mean"))
                .anySatisfy(e -> assertThat(e).contains("hafs_quality_threshold", "threshold=\"min_quality_score\""));

        JsonNode generators = dashboard.panel("Generator Stats");
        JsonNode defaults = generators.path("fieldConfig").path("defaults");
        assertThat(defaults.path("unit").asText()).isEqualTo("percent");
        assertThat(defaults.path("min").asDouble()).isZero();
        assertThat(defaults.path("max").asDouble()).isEqualTo(100.0);
        JsonNode steps = defaults.path("thresholds").path("steps");
        assertThat(steps.get(0).path("color").asText()).isEqualTo("red");
        assertThat(steps.get(1).path("value").asDouble()).isEqualTo(40.0);
        assertThat(exprs(generators)).singleElement().satisfies(e -> assertThat(e)
                .startsWith("sort_desc(").contains("100 * hafs_generator_acceptance_ratio"));

        JsonNode coverage = dashboard.panel("Embedding Coverage");
        assertThat(coverage.path("type").asText()).isEqualTo("xychart");
        assertThat(exprs(coverage)).hasSize(2).allSatisfy(e -> assertThat(e)
                .contains("hafs_embedding_region_samples", "0.5 * avg by (job, instance)", "group_left"));
        assertThat(dashboard.panel("Coverage score").path("gridPos").path("y").asInt())
                .isEqualTo(coverage.path("gridPos").path("y").asInt());
        assertThat(exprs(dashboard.panel("Sparse regions"))).singleElement()
                .satisfies(e -> assertThat(e).contains("hafs_embedding_sparse_regions"));

        JsonNode runs = dashboard.panel("Training Runs");
        assertThat(exprs(runs)).singleElement().satisfies(e -> assertThat(e)
                .startsWith("sort(bottomk(10, hafs_training_run_final_loss"));
        assertThat(runs.path("description").asText()).contains("lower is better");

        JsonNode ratio = dashboard.panel("Rejection ratio over time");
        assertThat(exprs(ratio)).allSatisfy(e -> assertThat(e)
                .containsPattern("rate\\(hafs_generator_samples_rejected_total\\{[^}]*}\\[\\$__rate_interval]\\)\\) / ")
                .contains("rate(hafs_generator_samples_generated_total"));
        assertThat(exprs(dashboard.panel("Rejection reasons per generator"))).singleElement()
                .satisfies(e -> assertThat(e).contains("hafs_generator_rejections_total", "generator, reason"));
    }
}
