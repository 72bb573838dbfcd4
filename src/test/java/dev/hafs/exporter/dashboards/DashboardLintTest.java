package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.dashboards.PromQlSelectors.LabelMatcher;
import dev.hafs.exporter.dashboards.PromQlSelectors.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * grafana/dashboard-linter's rules (template-datasource, template-job, template-instance, panel-datasource,
 * panel-title-description, panel-units, target-rate-interval, target-job, target-instance, target-counter-agg)
 * applied to every panel, not only to the panel types the linter knows, plus what issue 3 asks of the charts.
 */
class DashboardLintTest {
    private static final Set<String> DATASOURCE_REFS = Set.of("$datasource", "${datasource}");
    /** The exporter's metric names: a query with a typo would silently draw nothing. */
    private static final Set<String> EXPORTER_METRICS = Set.of(
            "hafs_generator_samples_generated_total", "hafs_generator_samples_accepted_total",
            "hafs_generator_samples_rejected_total", "hafs_generator_rejections_total",
            "hafs_generator_acceptance_ratio", "hafs_generator_quality_score_avg", "hafs_quality_threshold",
            "hafs_rejection_history_samples", "hafs_quality_score_recent_mean", "hafs_quality_score_latest",
            "hafs_embedding_regions", "hafs_embedding_regions_target", "hafs_embedding_region_samples",
            "hafs_embedding_region_quality_avg", "hafs_embedding_sparse_regions", "hafs_embedding_coverage_score",
            "hafs_training_runs", "hafs_training_run_final_loss", "hafs_training_run_end_timestamp_seconds",
            "hafs_training_run_samples", "hafs_training_run_eval_metric", "hafs_training_domain_effectiveness",
            "hafs_source_up", "hafs_source_present", "hafs_source_last_success_timestamp_seconds",
            "hafs_source_last_updated_timestamp_seconds", "hafs_source_records_skipped", "hafs_source_loads_total",
            "hafs_source_load_failures_total", "hafs_exporter_build_info");
    /** Grafana's unit ids the dashboard may use (a subset of the linter's list). */
    private static final Set<String> VALID_UNITS = Set.of("none", "short", "percent", "percentunit", "s", "ms",
            "dtdurations", "dateTimeAsIso", "dateTimeFromNow", "bytes", "ops", "cps");
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");
    /** Functions that use only a series' presence, which is valid for a counter (pint's promql/counter agrees). */
    private static final Set<String> PRESENCE_FUNCTIONS = Set.of("count", "group", "absent", "present_over_time");

    private final DashboardJson dashboard = DashboardJson.load();

    @Test
    void dashboardIsCurrentAndRefreshesItself() {
        JsonNode root = dashboard.root();
        assertThat(root.path("uid").asText()).isEqualTo("hafs-training");
        assertThat(root.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(root.has("style")).as("style is deprecated: the theme is the viewer's choice").isFalse();
        assertThat(root.path("refresh").asText()).isEqualTo("30s");
        assertThat(root.path("editable").asBoolean(true)).as("provisioned dashboards are read-only").isFalse();
    }

    @Test
    void templateDatasourceRule() {
        List<JsonNode> datasources = new ArrayList<>();
        dashboard.root().path("templating").path("list").forEach(v -> {
            if ("datasource".equals(v.path("type").asText())) {
                datasources.add(v);
            }
        });
        assertThat(datasources).hasSize(1);
        JsonNode ds = datasources.getFirst();
        assertThat(ds.path("name").asText()).isEqualTo("datasource");
        assertThat(ds.path("label").asText()).isEqualTo("Data source");
        assertThat(ds.path("query").asText()).isEqualTo("prometheus");
    }

    @Test
    void templateJobAndInstanceRules() {
        for (String name : List.of("job", "instance")) {
            JsonNode variable = dashboard.variable(name);
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(variable.path("type").asText()).as(name + " type").isEqualTo("query");
            soft.assertThat(variable.path("datasource").path("uid").asText()).as(name + " datasource")
                    .isIn(DATASOURCE_REFS);
            soft.assertThat(variable.path("label").asText()).as(name + " label")
                    .isEqualTo(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            soft.assertThat(variable.path("multi").asBoolean()).as(name + " multi").isTrue();
            soft.assertThat(variable.path("includeAll").asBoolean()).as(name + " includeAll").isTrue();
            soft.assertThat(variable.path("allValue").asText()).as(name + " allValue").isEqualTo(".+");
            soft.assertThat(variable.path("refresh").asInt()).as(name + " refreshes on time range change")
                    .isEqualTo(2);
            soft.assertAll();
        }
        assertThat(dashboard.variable("instance").path("query").asText()).contains("job=~\"$job\"");
    }

    @Test
    void filterVariablesFollowTheHostVariables() {
        for (String name : List.of("generator", "domain")) {
            JsonNode variable = dashboard.variable(name);
            assertThat(variable.path("datasource").path("uid").asText()).isIn(DATASOURCE_REFS);
            assertThat(variable.path("multi").asBoolean()).isTrue();
            assertThat(variable.path("includeAll").asBoolean()).isTrue();
            // Generator names are free text, the empty name included, which ".+" would hide.
            assertThat(variable.path("allValue").asText()).isEqualTo(".*");
            assertThat(variable.path("query").asText()).contains("job=~\"$job\"", "instance=~\"$instance\"");
        }
    }

    @Test
    void panelTitleDescriptionRule() {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode panel : dashboard.allPanels()) {
            soft.assertThat(panel.path("title").asText()).as("title of panel %s", panel.path("id")).isNotBlank();
            if (!"row".equals(panel.path("type").asText())) {
                soft.assertThat(panel.path("description").asText())
                        .as("description of panel '%s'", panel.path("title").asText())
                        .hasSizeGreaterThan(40);
            }
        }
        soft.assertAll();
    }

    @Test
    void panelDatasourceRule() {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode panel : dashboard.visualPanels()) {
            soft.assertThat(panel.path("datasource").path("uid").asText())
                    .as("datasource of panel '%s'", panel.path("title").asText()).isIn(DATASOURCE_REFS);
        }
        for (Target target : dashboard.targets()) {
            soft.assertThat(target.target().path("datasource").path("uid").asText())
                    .as("datasource of target %s", target.key()).isIn(DATASOURCE_REFS);
        }
        soft.assertAll();
    }

    @Test
    void panelUnitsRule() {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode panel : dashboard.visualPanels()) {
            soft.assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                    .as("unit of panel '%s'", panel.path("title").asText()).isIn(VALID_UNITS);
        }
        soft.assertAll();
    }

    @Test
    void everyPanelHasQueriesAndUniqueIds() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.allPanels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
        }
        for (JsonNode panel : dashboard.visualPanels()) {
            assertThat(panel.path("targets")).as("targets of '%s'", panel.path("title").asText()).isNotEmpty();
        }
        Set<String> keys = new HashSet<>();
        for (Target target : dashboard.targets()) {
            assertThat(target.expr()).as(target.key()).isNotBlank();
            assertThat(keys.add(target.key())).as("refId of %s is unique in its panel", target.key()).isTrue();
        }
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<JsonNode> panels = dashboard.allPanels();
        for (JsonNode panel : panels) {
            JsonNode pos = panel.path("gridPos");
            assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("'%s' fits 24 columns", panel.path("title"))
                    .isLessThanOrEqualTo(24);
        }
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
                        .as("'%s' overlaps '%s'", panels.get(i).path("title").asText(),
                                panels.get(j).path("title").asText())
                        .isFalse();
            }
        }
    }

    @Test
    void targetJobAndInstanceRules() {
        SoftAssertions soft = new SoftAssertions();
        for (Target target : dashboard.targets()) {
            for (Selector selector : PromQlSelectors.scan(target.expr())) {
                soft.assertThat(selector.matcher("job")).as("job matcher of %s in %s", selector.metric(), target.key())
                        .contains(new LabelMatcher("job", "=~", "$job"));
                soft.assertThat(selector.matcher("instance"))
                        .as("instance matcher of %s in %s", selector.metric(), target.key())
                        .contains(new LabelMatcher("instance", "=~", "$instance"));
            }
        }
        soft.assertAll();
    }

    @Test
    void targetRateIntervalRule() {
        SoftAssertions soft = new SoftAssertions();
        for (Target target : dashboard.targets()) {
            for (Selector selector : PromQlSelectors.scan(target.expr())) {
                if (Set.of("rate", "irate").contains(selector.enclosingFunction())) {
                    soft.assertThat(selector.range()).as("range of %s in %s", selector.metric(), target.key())
                            .isEqualTo("$__rate_interval");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void targetCounterAggRule() {
        SoftAssertions soft = new SoftAssertions();
        for (Target target : dashboard.targets()) {
            for (Selector selector : PromQlSelectors.scan(target.expr())) {
                if (selector.metric() != null && selector.metric().endsWith("_total")
                        && !PRESENCE_FUNCTIONS.contains(selector.enclosingFunction())) {
                    soft.assertThat(selector.range()).as("range of counter %s in %s", selector.metric(), target.key())
                            .isNotNull();
                    soft.assertThat(selector.enclosingFunction())
                            .as("function around counter %s in %s", selector.metric(), target.key())
                            .isIn(COUNTER_FUNCTIONS);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void targetsQueryOnlyTheExportersMetrics() {
        SoftAssertions soft = new SoftAssertions();
        for (Target target : dashboard.targets()) {
            List<Selector> selectors = PromQlSelectors.scan(target.expr());
            soft.assertThat(selectors).as("selectors of %s", target.key()).isNotEmpty();
            for (Selector selector : selectors) {
                soft.assertThat(selector.metric()).as("metric in %s", target.key()).isIn(EXPORTER_METRICS);
            }
        }
        soft.assertAll();
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

    private static List<String> exprs(JsonNode panel) {
        List<String> exprs = new ArrayList<>();
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        return exprs;
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }
}
