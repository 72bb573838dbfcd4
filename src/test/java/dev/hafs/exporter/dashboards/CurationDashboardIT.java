package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import dev.hafs.exporter.dashboards.PrometheusHttp.Sample;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsCuration.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Curation dashboard, run by a real Prometheus that scrapes the exporter over the static
 * fixture {@code fixtures/curation/} (see {@link CurationFixture}), returns what its panel must show, computed
 * from the fixture's files; and the shipped alert rules, evaluated by that Prometheus on the exporter's own
 * series, are active exactly when they should be. Three steps:
 *
 * <ol>
 *   <li>the fixture as found: its campaign status was written in 2025, beyond the alerts' 7-day guard;
 *   <li>the same campaign while current: the monitor wrote its 400 of 6,900 two minutes ago, the pid is dead,
 *   so HafsCampaignProcessGone is pending;
 *   <li>the monitor rewrites its status in place at 800 of 6,900: items per minute and an ETA appear, and
 *   HafsCampaignProcessGone resolves, as moving progress proves a live campaign.
 * </ol>
 * HafsCampaignProcessGone only looks at a campaign whose progress series is 10 minutes old, so Prometheus starts
 * with 20 minutes of the exporter's {@code hafs_campaign_progress} at 400 before the test (promtool backfill),
 * as if it had scraped this host all along; it is also what gives the 15-minute items-per-minute window its
 * first step.
 */
class CurationDashboardIT {
    private static final Path FIXTURE = Fixtures.directory(CurationFixture.NAME);
    private static final Path RULES = DashboardJson.ROOT.resolve("prometheus/rules");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Datasets the exporter serves: the folder still being written is skipped. */
    private static final List<Dataset> WHOLE = List.of(CurationFixture.FULL_CAMPAIGN, CurationFixture.DOUBLE_TIMESTAMP,
            CurationFixture.PILOT);
    private static final Set<String> CURATION_ALERTS = Set.of("HafsCampaignStalled", "HafsCampaignProcessGone",
            "HafsPilotQualityLow", "HafsDatasetYieldDrop");
    /** Families of the curation sources; the fixture has no feedback files, so no generator or run series. */
    private static final List<String> CURATION_FAMILIES = List.of("hafs_dataset", "hafs_pilot_", "hafs_campaign_",
            "hafs_orchestrator_", "hafs_source_");
    private static final Duration HISTORY = Duration.ofMinutes(20);

    @TempDir
    Path trainingDir;

    private final DashboardJson dashboard = DashboardJson.load(DashboardJson.CURATION);

    /** What the campaign monitor's status says at one step, and whether progress moved in the last 15 minutes. */
    private record Campaign(int progress, int total, double lastUpdate, int movedBy) {
    }

    @Test
    void everyPanelShowsTheFixtureAndTheAlertsMatchTheExporter() throws IOException {
        Fixtures.copy(CurationFixture.NAME, trainingDir);
        Instant started = Instant.now();
        List<Path> rules;
        try (Stream<Path> files = Files.list(RULES)) {
            rules = files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(rules).hasSize(2);
        try (ScrapedExporter stack = ScrapedExporter.start(trainingDir,
                new ScrapedExporter.Extras(rules, instance -> progressHistory(instance, started, 400)))) {
            stack.awaitValue("hafs_datasets{" + stack.target() + "}", 4, Duration.ofSeconds(60));

            // 1. As found: the monitor's status is from 2025-12-22.
            Campaign asFound = new Campaign(400, 6900, lastUpdate(), 0);
            checkEveryTarget(stack, asFound);
            checkPickedVariables(stack);
            awaitRulesEvaluated(stack);
            assertThat(activeAlerts(stack)).as("alerts on a campaign last heard of a year ago: the 7-day guards")
                    .isEmpty();

            // 2. The same campaign while current: its monitor last wrote two minutes ago.
            LocalDateTime twoMinutesAgo = LocalDateTime.now().minusMinutes(2).truncatedTo(ChronoUnit.MILLIS);
            new HafsCuration(trainingDir).write(HafsCuration.MONITOR, HafsCuration.campaignProgress(400, 6900, twoMinutesAgo));
            stack.awaitValue("hafs_campaign_monitor_timestamp_seconds{" + stack.target() + "}", epoch(twoMinutesAgo),
                    Duration.ofSeconds(30));
            Campaign current = new Campaign(400, 6900, epoch(twoMinutesAgo), 0);
            checkEveryTarget(stack, current);
            await("HafsCampaignProcessGone pending").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> activeAlerts(stack).containsKey("HafsCampaignProcessGone"));
            Map<String, Sample> active = activeAlerts(stack);
            // Stalled: the status is 2 minutes old and progress has 20, not 30, minutes of history. Pilot: passed.
            // Yield drop: the newest dataset has 2 before it, not 3, and all were created in 2025.
            assertThat(active.keySet()).as("active alerts").containsExactly("HafsCampaignProcessGone");
            Sample gone = active.get("HafsCampaignProcessGone");
            assertThat(gone.label("alertstate")).as("for: 5m").isEqualTo("pending");
            assertThat(gone.value()).as("value: age of the monitor's status").isBetween(120.0,
                    120.0 + Duration.between(started, Instant.now()).toSeconds() + 1);

            // 3. HAFS's monitor rewrites its status in place at 800 of 6,900.
            LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
            new HafsCuration(trainingDir).write(HafsCuration.MONITOR, HafsCuration.campaignProgress(800, 6900, now));
            stack.awaitValue("hafs_campaign_progress{" + stack.target() + "}", 800, Duration.ofSeconds(30));
            // The panels' rate runs over minute steps: the next minute boundary brings the first step at 800.
            // The checks query at the last scrape, so wait until that is past the boundary.
            String moving = "rate((hafs_campaign_progress{" + stack.target() + "} > 0)[15m:1m]) > 0";
            await("a minute step at 800").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stack.api().query(moving, stack.lastScrapeTime()).size() == 1);
            checkEveryTarget(stack, new Campaign(800, 6900, epoch(now), 400));
            await("HafsCampaignProcessGone resolved").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> activeAlerts(stack).isEmpty());
            checkRulesSelectServedSeries(stack);
        }
    }

    private void checkEveryTarget(ScrapedExporter stack, Campaign campaign) {
        TemplateVariables all = TemplateVariables.all(dashboard).intervals("5m", "5m");
        double time = stack.lastScrapeTime();
        List<Target> targets = dashboard.targets();
        assertThat(targets).hasSizeGreaterThanOrEqualTo(30);
        Map<String, List<Sample>> drawn = new TreeMap<>();
        for (Target target : targets) {
            String promql = all.apply(target.expr());
            drawn.put(target.key(), stack.api().query(promql, time));
            if (target.isRangeQuery()) {
                assertThat(stack.api().queryRange(promql, time - 60, time, 1)).as("series of range query %s", target.key())
                        .isGreaterThan(0);
            }
        }
        for (Target target : targets) {
            expect(target.key(), drawn.get(target.key()), drawn, campaign, time);
        }
        checkTableOrder(drawn);
    }

    /** What each panel must show, from the fixture's files; a query without an expectation fails. */
    private void expect(String key, List<Sample> samples, Map<String, List<Sample>> drawn, Campaign campaign, double time) {
        var that = assertThat(byDataset(samples)).as(key);
        switch (key) {
            case "Dataset folders/A" -> assertThat(values(samples)).as(key).containsExactly(datasetFolders());
            case "Newest dataset/A" -> that.containsExactlyEntriesOf(Map.of(CurationFixture.PILOT.folder(),
                    1000 * epoch(CurationFixture.PILOT.created())));
            case "Newest yield/A" -> that.containsExactlyEntriesOf(Map.of(CurationFixture.PILOT.folder(),
                    yieldOf(CurationFixture.PILOT)));
            // The folder still being written (splits only).
            case "Folders not loaded/A" -> assertThat(values(samples)).as(key).containsExactly(1.0);
            case "Beyond --datasets.limit/A" -> assertThat(values(samples)).as(key).containsExactly(0.0);
            case "Datasets/A", "Yield per dataset/A", "Size per dataset/A" ->
                    that.isEqualTo(perDataset(d -> 1000 * epoch(d.created())));
            case "Datasets/B", "Size per dataset/C" -> that.isEqualTo(perDataset(d -> (double) d.generated()));
            case "Datasets/C", "Size per dataset/B" -> that.isEqualTo(perDataset(d -> (double) d.finalCount()));
            case "Datasets/D", "Yield per dataset/B" -> that.isEqualTo(perDataset(CurationDashboardIT::yieldOf));
            case "Datasets/E" -> that.isEqualTo(perDataset(d -> (double) d.deduplicated() / d.passedQuality()));
            case "Datasets/F" -> that.isEqualTo(perDataset(Dataset::quality));
            case "Datasets/G" -> that.isEqualTo(perDataset(Dataset::durationSeconds));
            case "Rejections of the newest dataset by reason/A" ->
                    assertThat(ordered(samples, "reason")).as(key).containsExactlyEntriesOf(sortedDesc(CurationFixture.PILOT.byReason()));
            case "Rejections of the newest dataset by domain/A" ->
                    assertThat(ordered(samples, "domain")).as(key).containsExactlyEntriesOf(sortedDesc(CurationFixture.PILOT.byDomain()));
            case "Pilot quality against its threshold/A" ->
                    assertThat(values(samples)).as(key).containsExactly(pilot().path("estimated_quality").asDouble());
            case "Pilot quality against its threshold/B" ->
                    assertThat(values(samples)).as(key).containsExactly(pilot().path("quality_threshold").asDouble());
            case "Pilot quality against its threshold/C" ->
                    assertThat(values(samples)).as(key).containsExactly(pilot().path("acceptance_rate").asDouble());
            case "Pilot progress/A" -> assertThat(values(samples)).as(key)
                    .containsExactly(100.0 * pilot().path("progress").asDouble() / pilot().path("total").asDouble());
            // complete * (1 + pass): 2 is "passed", the fixture's pilot.
            case "Pilot result/A" -> assertThat(values(samples)).as(key).containsExactly(2.0);
            case "Validation checks/A" -> assertThat(values(samples)).as(key).containsExactly(1.0);
            case "Validation checks/B" -> assertThat(ordered(samples, "check")).as(key).isEqualTo(validationChecks());
            case "Orchestrator phase/A" -> assertThat(samples).as(key).singleElement().satisfies(sample -> {
                assertThat(sample.label("phase")).isEqualTo(readJson("orchestrator_state.json").path("phase").asText());
                assertThat(sample.value()).isEqualTo(1.0);
            });
            case "Campaign progress/A", "Campaign progress over time/A" ->
                    assertThat(values(samples)).as(key).containsExactly(100.0 * campaign.progress() / campaign.total());
            // HAFS believes the campaign runs; the pid in campaign.pid is no process.
            case "Running / process/A" -> assertThat(values(samples)).as(key).containsExactly(1.0);
            case "Running / process/B" -> assertThat(values(samples)).as(key).containsExactly(0.0);
            case "Status age/A" -> assertThat(values(samples)).as(key).singleElement()
                    .satisfies(age -> assertThat(age).isCloseTo(time - campaign.lastUpdate(), within(1e-3)));
            case "Items per minute/A" -> assertThat(values(samples)).as(key).singleElement().satisfies(perMinute -> {
                // movedBy items within the window's 14 or 15 minutes of steps (Prometheus 2 counts both ends),
                // extrapolated to 15; 0 while progress stood still.
                assertThat(perMinute).isBetween(campaign.movedBy() / 15.0 - 1e-9, campaign.movedBy() / 14.0 + 1e-9);
            });
            case "ETA/A" -> {
                if (campaign.movedBy() == 0) {
                    // No movement in 15 minutes, no rate to extrapolate: the panel says "No data", not infinity.
                    assertThat(samples).as(key).isEmpty();
                } else {
                    double perSecond = drawn.get("Items per minute/A").getFirst().value() / 60;
                    assertThat(values(samples)).as(key).singleElement().satisfies(eta -> assertThat(eta)
                            .isCloseTo((campaign.total() - campaign.progress()) / perSecond, within(1e-6)));
                }
            }
            // Present and loaded (1 + 1) for each curation source the fixture holds; campaign.pid is no source
            // (it only names the process to look for), so the panel does not list it.
            case "Source files/A" -> assertThat(ordered(samples, "file")).as(key).isEqualTo(sourceFiles());
            default -> throw new AssertionError("no expectation for the Curation dashboard's query " + key);
        }
    }

    /** The table sorts by Created, newest first: the pilot's dataset, then the double timestamp's, then the campaign's. */
    private static void checkTableOrder(Map<String, List<Sample>> drawn) {
        List<String> rows = drawn.get("Datasets/A").stream().sorted(Comparator.comparingDouble(Sample::value).reversed())
                .map(sample -> sample.label("dataset")).toList();
        assertThat(rows).containsExactlyElementsOf(WHOLE.stream()
                .sorted(Comparator.comparing(Dataset::created).reversed()).map(Dataset::folder).toList());
        assertThat(rows.getFirst()).isEqualTo(CurationFixture.PILOT.folder());
    }

    /**
     * With job and instance picked, every query draws the same as at "All" (one exporter); with another instance
     * picked, nothing.
     */
    private void checkPickedVariables(ScrapedExporter stack) {
        TemplateVariables all = TemplateVariables.all(dashboard).intervals("5m", "5m");
        TemplateVariables picked = TemplateVariables.all(dashboard).intervals("5m", "5m")
                .select("job", ScrapedExporter.JOB).select("instance", stack.instance());
        TemplateVariables elsewhere = TemplateVariables.all(dashboard).intervals("5m", "5m")
                .select("job", ScrapedExporter.JOB).select("instance", "training-2:9746");
        double time = stack.lastScrapeTime();
        for (Target target : dashboard.targets()) {
            List<Sample> atAll = stack.api().query(all.apply(target.expr()), time);
            assertThat(stack.api().query(picked.apply(target.expr()), time)).as("%s with this exporter picked", target.key())
                    .containsExactlyInAnyOrderElementsOf(atAll);
            assertThat(stack.api().query(elsewhere.apply(target.expr()), time)).as("%s with another instance picked",
                    target.key()).isEmpty();
        }
    }

    /**
     * Every alert and dataset rule evaluated, without error, after the exporter's series were there (the
     * generator groups run once a minute and have nothing to work on here; any of them evaluated must be healthy).
     */
    private static void awaitRulesEvaluated(ScrapedExporter stack) {
        Instant after = Instant.ofEpochMilli((long) (stack.lastScrapeTime() * 1000));
        await("every rule evaluated").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.api().rules().stream()
                        .filter(rule -> "alerting".equals(rule.path("type").asText())
                                || rule.path("name").asText().contains("hafs_dataset"))
                        .allMatch(rule -> Instant.parse(rule.path("lastEvaluation").asText()).isAfter(after)));
        assertThat(stack.api().rules()).as("rules").hasSizeGreaterThanOrEqualTo(20)
                .filteredOn(rule -> !"unknown".equals(rule.path("health").asText()))
                .hasSizeGreaterThanOrEqualTo(CURATION_ALERTS.size() + 6).allSatisfy(rule ->
                        assertThat(rule.path("health").asText()).as("health of %s: %s", rule.path("name").asText(),
                                rule.path("lastError").asText()).isEqualTo("ok"));
    }

    /** The exporter's active alerts, by name; only the curation alerts are expected at all. */
    private static Map<String, Sample> activeAlerts(ScrapedExporter stack) {
        Map<String, Sample> active = new TreeMap<>();
        for (Sample alert : stack.api().alerts()) {
            assertThat(alert.labels()).as("alert %s", alert.labels()).containsEntry("instance", stack.instance());
            active.put(alert.label("alertname"), alert);
        }
        assertThat(CURATION_ALERTS).as("alerts active on the curation fixture").containsAll(active.keySet());
        return active;
    }

    /**
     * Every selector of a curation family in a shipped rule, with its label matchers (file="datasets", …), selects
     * a series of this exporter; so does every series its annotations query.
     */
    private static void checkRulesSelectServedSeries(ScrapedExporter stack) {
        double time = stack.lastScrapeTime();
        Set<String> checked = new TreeSet<>();
        for (JsonNode rule : stack.api().rules()) {
            String annotations = rule.path("annotations").toString();
            List<String> selectors = new java.util.ArrayList<>();
            for (PromQlSelectors.Selector selector : PromQlSelectors.scan(rule.path("query").asText())) {
                String matchers = selector.matchers().stream()
                        .map(m -> m.label() + m.op() + "\"" + m.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(", "));
                selectors.add(selector.metric() + "{" + (matchers.isEmpty() ? "" : matchers + ", ") + stack.target() + "}");
            }
            java.util.regex.Matcher queried = java.util.regex.Pattern.compile("\\b(hafs_[a-z_]+)\\{").matcher(annotations);
            while (queried.find()) {
                selectors.add(queried.group(1) + "{" + stack.target() + "}");
            }
            for (String selector : selectors) {
                if (CURATION_FAMILIES.stream().anyMatch(selector::startsWith)) {
                    checked.add(selector);
                    assertThat(stack.api().query("count(" + selector + ")", time))
                            .as("series of %s in rule %s", selector, rule.path("name").asText()).hasSize(1);
                }
            }
        }
        assertThat(checked).as("selectors checked").anyMatch(s -> s.startsWith("hafs_campaign_process_up"))
                .anyMatch(s -> s.startsWith("hafs_source_up")).anyMatch(s -> s.startsWith("hafs_dataset_samples_final"))
                .anyMatch(s -> s.startsWith("hafs_pilot_estimated_quality"));
    }

    /**
     * HAFS's campaign at {@code progress} for the {@link #HISTORY} before the test, as Prometheus would have
     * scraped it every 15 s: OpenMetrics for promtool's backfill.
     */
    private static String progressHistory(String instance, Instant before, int progress) {
        StringBuilder text = new StringBuilder("# TYPE hafs_campaign_progress gauge\n");
        long end = before.minusSeconds(60).getEpochSecond();
        for (long at = end - HISTORY.toSeconds(); at <= end; at += 15) {
            text.append("hafs_campaign_progress{job=\"").append(ScrapedExporter.JOB).append("\",instance=\"").append(instance)
                    .append("\"} ").append(progress).append(' ').append(at).append('\n');
        }
        return text.append("# EOF\n").toString();
    }

    private double lastUpdate() {
        return epoch(LocalDateTime.parse(readJson(HafsCuration.MONITOR).path("last_update").asText()));
    }

    private JsonNode pilot() {
        return readJson(HafsCuration.PILOT);
    }

    private Map<String, Double> validationChecks() {
        Map<String, Double> checks = new TreeMap<>();
        readJson(HafsCuration.VALIDATION).path("checks").properties()
                .forEach(check -> checks.put(check.getKey(), check.getValue().asBoolean() ? 1.0 : 0.0));
        return checks;
    }

    private Map<String, Double> sourceFiles() {
        Map<String, Double> files = new TreeMap<>();
        for (String file : List.of("datasets", HafsCuration.PILOT, HafsCuration.VALIDATION, HafsCuration.CAMPAIGN,
                HafsCuration.MONITOR, HafsCuration.ORCHESTRATOR)) {
            assertThat(trainingDir.resolve(file)).exists();
            files.put(file, 2.0);
        }
        return files;
    }

    private double datasetFolders() {
        try (Stream<Path> folders = Files.list(trainingDir.resolve("datasets"))) {
            return folders.filter(Files::isDirectory).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readJson(String file) {
        try {
            return JSON.readTree(trainingDir.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double yieldOf(Dataset dataset) {
        return (double) dataset.finalCount() / dataset.generated();
    }

    private static Map<String, Double> perDataset(Function<Dataset, Double> value) {
        Map<String, Double> values = new TreeMap<>();
        WHOLE.forEach(dataset -> values.put(dataset.folder(), value.apply(dataset)));
        return values;
    }

    private static Map<String, Double> byDataset(List<Sample> samples) {
        Map<String, Double> values = new TreeMap<>();
        samples.forEach(sample -> values.put(sample.label("dataset"), sample.value()));
        return values;
    }

    /** Samples by one label, in the order Prometheus returned them. */
    private static Map<String, Double> ordered(List<Sample> samples, String label) {
        Map<String, Double> values = new LinkedHashMap<>();
        samples.forEach(sample -> values.put(sample.label(label), sample.value()));
        return values;
    }

    private static Map<String, Double> sortedDesc(Map<String, Integer> counts) {
        Map<String, Double> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue().doubleValue()));
        return sorted;
    }

    private static List<Double> values(List<Sample> samples) {
        return samples.stream().map(Sample::value).toList();
    }

    private static double epoch(LocalDateTime local) {
        return local.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
    }
}
