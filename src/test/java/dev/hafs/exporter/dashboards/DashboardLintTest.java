package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.dashboards.PromQlSelectors.LabelMatcher;
import dev.hafs.exporter.dashboards.PromQlSelectors.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * grafana/dashboard-linter's rules (template-datasource, template-job, template-instance, panel-datasource,
 * panel-title-description, panel-units, target-rate-interval, target-job, target-instance, target-counter-agg)
 * applied to every panel of every dashboard in grafana/dashboards, not only to the panel types the linter
 * knows, and the links between the dashboards. What each dashboard must show is in its own test
 * (TrainingDashboardTest, CurationDashboardTest).
 */
class DashboardLintTest {
    static final Set<String> DATASOURCE_REFS = Set.of("$datasource", "${datasource}");
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
            "hafs_source_last_updated_timestamp_seconds", "hafs_source_records_skipped", "hafs_source_records_capped",
            "hafs_source_loads_total", "hafs_source_load_failures_total", "hafs_exporter_build_info",
            // Issue 13's names: curated datasets, the pilot and campaign workflow, more run detail.
            "hafs_datasets", "hafs_dataset_created_timestamp_seconds", "hafs_dataset_samples_generated",
            "hafs_dataset_samples_passed_quality", "hafs_dataset_samples_deduplicated", "hafs_dataset_samples_augmented",
            "hafs_dataset_samples_final", "hafs_dataset_split_samples", "hafs_dataset_domain_samples_generated",
            "hafs_dataset_quality_score_avg", "hafs_dataset_curation_duration_seconds", "hafs_dataset_rejections",
            "hafs_dataset_domain_rejections", "hafs_pilot_progress", "hafs_pilot_progress_target",
            "hafs_pilot_acceptance_ratio", "hafs_pilot_estimated_quality", "hafs_pilot_quality_threshold",
            "hafs_pilot_quality_pass", "hafs_pilot_complete", "hafs_pilot_monitor_timestamp_seconds",
            "hafs_campaign_validation_approved", "hafs_campaign_validation_check",
            "hafs_campaign_validation_timestamp_seconds", "hafs_campaign_launched", "hafs_campaign_launch_timestamp_seconds",
            "hafs_campaign_target_samples", "hafs_campaign_progress", "hafs_campaign_progress_target",
            "hafs_campaign_running", "hafs_campaign_monitor_timestamp_seconds", "hafs_campaign_process_up",
            "hafs_orchestrator_phase", "hafs_orchestrator_started_timestamp_seconds",
            "hafs_orchestrator_completed_timestamp_seconds", "hafs_training_run_start_timestamp_seconds",
            "hafs_training_run_info", "hafs_training_run_domain_samples", "hafs_quality_threshold_effectiveness");
    /** Grafana's unit ids the dashboard may use (a subset of the linter's list). */
    private static final Set<String> VALID_UNITS = Set.of("none", "short", "percent", "percentunit", "s", "ms",
            "dtdurations", "dateTimeAsIso", "dateTimeFromNow", "bytes", "ops", "cps");
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");
    /** Functions that use only a series' presence, which is valid for a counter (pint's promql/counter agrees). */
    private static final Set<String> PRESENCE_FUNCTIONS = Set.of("count", "group", "absent", "present_over_time");
    /** A Prometheus table query's value column, "Value #<refId>", as transformations name it. */
    private static final Pattern VALUE_COLUMN = Pattern.compile("Value #(\\w+)");

    static List<DashboardJson> dashboards() {
        return DashboardJson.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void dashboardIsCurrentAndRefreshesItself(DashboardJson dashboard) {
        JsonNode root = dashboard.root();
        assertThat(root.path("uid").asText()).matches("hafs-[a-z-]+");
        assertThat(root.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(root.has("style")).as("style is deprecated: the theme is the viewer's choice").isFalse();
        assertThat(root.path("refresh").asText()).isEqualTo("30s");
        assertThat(root.path("editable").asBoolean(true)).as("provisioned dashboards are read-only").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void templateDatasourceRule(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void templateJobAndInstanceRules(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelTitleDescriptionRule(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelDatasourceRule(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelUnitsRule(DashboardJson dashboard) {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode panel : dashboard.visualPanels()) {
            soft.assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                    .as("unit of panel '%s'", panel.path("title").asText()).isIn(VALID_UNITS);
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
                for (JsonNode property : override.path("properties")) {
                    if ("unit".equals(property.path("id").asText())) {
                        soft.assertThat(property.path("value").asText())
                                .as("unit of %s in panel '%s'", override.path("matcher"), panel.path("title").asText())
                                .isIn(VALID_UNITS);
                    }
                }
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelHasQueriesAndUniqueIds(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelsFitTheGridWithoutOverlapping(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void targetJobAndInstanceRules(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void targetRateIntervalRule(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void targetCounterAggRule(DashboardJson dashboard) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void targetsQueryOnlyTheExportersMetrics(DashboardJson dashboard) {
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

    /** A file matcher written out names sources the exporter has: a name that is no source matches nothing, silently. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void fileMatchersNameSources(DashboardJson dashboard) {
        Set<String> sources = Arrays.stream(Source.values()).map(Source::fileName).collect(Collectors.toSet());
        SoftAssertions soft = new SoftAssertions();
        for (Target target : dashboard.targets()) {
            for (Selector selector : PromQlSelectors.scan(target.expr())) {
                selector.matcher("file").filter(m -> !m.value().contains("$")).ifPresent(m -> {
                    for (String name : m.op().equals("=~") ? m.value().replace("\\.", ".").split("\\|") : new String[] {m.value()}) {
                        soft.assertThat(name).as("file in %s", target.key()).isIn(sources);
                    }
                });
            }
        }
        soft.assertAll();
    }

    /** Columns renamed, hidden or plotted by name must be the value columns of the panel's own queries. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void transformationsNameTheQueriesOfTheirPanel(DashboardJson dashboard) {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode panel : dashboard.visualPanels()) {
            Set<String> refIds = new TreeSet<>();
            panel.path("targets").forEach(target -> refIds.add(target.path("refId").asText()));
            Matcher column = VALUE_COLUMN.matcher(panel.path("transformations").toString());
            while (column.find()) {
                soft.assertThat(refIds).as("queries of '%s', which a transformation names", panel.path("title").asText())
                        .contains(column.group(1));
            }
        }
        soft.assertAll();
    }

    /** Each dashboard links to every other one, carrying the time range and the variables along. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void linksToEveryOtherDashboardKeepingTimeAndVariables(DashboardJson dashboard) {
        Set<String> linked = new TreeSet<>();
        for (JsonNode link : dashboard.root().path("links")) {
            assertThat(link.path("type").asText()).isEqualTo("link");
            assertThat(link.path("keepTime").asBoolean()).as("keepTime of %s", link.path("title")).isTrue();
            assertThat(link.path("includeVars").asBoolean()).as("includeVars of %s", link.path("title")).isTrue();
            assertThat(link.path("url").asText()).startsWith("/d/");
            linked.add(link.path("url").asText().substring("/d/".length()));
        }
        Set<String> others = new TreeSet<>();
        DashboardJson.all().stream().map(DashboardJson::uid).filter(uid -> !uid.equals(dashboard.uid()))
                .forEach(others::add);
        assertThat(others).as("the other dashboards").isNotEmpty();
        assertThat(linked).as("dashboards linked from %s", dashboard).isEqualTo(others);
    }

    @Test
    void everyDashboardHasItsOwnUidAndTitle() {
        List<DashboardJson> dashboards = DashboardJson.all();
        assertThat(dashboards).extracting(DashboardJson::uid).doesNotHaveDuplicates();
        assertThat(dashboards).extracting(d -> d.root().path("title").asText()).doesNotHaveDuplicates();
        assertThat(dashboards).extracting(DashboardJson::toString).contains("hafs-training.json", "hafs-curation.json");
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }
}
