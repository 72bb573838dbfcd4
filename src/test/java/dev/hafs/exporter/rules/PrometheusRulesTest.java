package dev.hafs.exporter.rules;

import static dev.hafs.exporter.rules.PrometheusFiles.assertSucceeds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting stack as code: promtool and amtool judge the rule files and the compose stack's configs,
 * and every alert has its metadata, its runbook section and unit tests both ways. The unit tests
 * themselves run in {@link PromtoolRuleUnitTest} (slow tier).
 */
class PrometheusRulesTest {
    private static final String RUNBOOK = "https://github.com/hafs/hafs-training-exporter/blob/main/docs/runbook.md#";
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Path ROOT = PrometheusFiles.ROOT;
    private static final Path PROMETHEUS = PrometheusFiles.PROMETHEUS;

    @Test
    void promtoolAcceptsEveryRuleFile() throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        PrometheusFiles.ruleFiles().forEach(file -> command.add(PrometheusFiles.relative(file)));

        String output = assertSucceeds(command);

        for (Path rules : PrometheusFiles.ruleFiles()) {
            assertThat(output).as("promtool checked %s:%n%s", rules.getFileName(), output)
                    .contains(PrometheusFiles.relative(rules));
        }
    }

    // rule_files names the path the compose stack mounts ./prometheus at; mapping it back to the
    // repository lets promtool check the rules the container would load, not an empty glob.
    @Test
    void composePrometheusConfigIsValidAndLoadsTheRules(@TempDir Path temp) throws Exception {
        String config = Files.readString(PROMETHEUS.resolve("prometheus.yml"));
        assertThat(config).contains("/etc/prometheus/rules/");
        Path mapped = temp.resolve("prometheus.yml");
        Files.writeString(mapped, config.replace("/etc/prometheus/", PROMETHEUS.toAbsolutePath() + "/"));

        String output = assertSucceeds(List.of("promtool", "check", "config", mapped.toString()));

        for (Path rules : PrometheusFiles.ruleFiles()) {
            assertThat(output).as("promtool check config loads %s:%n%s", rules.getFileName(), output)
                    .contains(rules.getFileName().toString());
        }
    }

    @Test
    void composeAlertmanagerConfigIsValid() throws Exception {
        assertSucceeds(List.of("amtool", "check-config", "prometheus/alertmanager.yml"));
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndItsRunbookSection() throws IOException {
        Set<String> anchors = headingAnchors(Files.readString(ROOT.resolve("docs/runbook.md")));
        List<String> problems = new ArrayList<>();
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            if (!SEVERITIES.contains(alert.path("labels").path("severity").asText())) {
                problems.add(name + ": severity must be one of " + SEVERITIES);
            }
            JsonNode annotations = alert.path("annotations");
            for (String key : List.of("summary", "description")) {
                if (annotations.path(key).asText().isBlank()) {
                    problems.add(name + ": no " + key);
                }
            }
            String anchor = name.toLowerCase(Locale.ROOT);
            if (!annotations.path("runbook_url").asText().equals(RUNBOOK + anchor)) {
                problems.add(name + ": runbook_url must be " + RUNBOOK + anchor);
            }
            if (!anchors.contains(anchor)) {
                problems.add(name + ": docs/runbook.md has no heading \"" + name + "\"");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyAlertIsTestedBothFiringAndSilent() throws IOException {
        Set<String> fires = new HashSet<>();
        Set<String> staysSilent = new HashSet<>();
        for (Path file : PrometheusFiles.ruleTestFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode check : group.path("alert_rule_test")) {
                    String name = check.path("alertname").asText();
                    JsonNode expected = check.path("exp_alerts");
                    // A YAML alias (*name) reads as text, not as the list it stands for: count neither way.
                    if (expected.isMissingNode() || expected.isNull() || expected.isArray() && expected.isEmpty()) {
                        staysSilent.add(name);
                    } else if (expected.isArray()) {
                        fires.add(name);
                    }
                }
            }
        }
        List<String> names = alerts().stream().map(alert -> alert.path("alert").asText()).toList();
        assertThat(fires).as("alerts with a test where they fire").containsAll(names);
        assertThat(staysSilent).as("alerts with a test where they must not fire").containsAll(names);
    }

    private static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (Path file : PrometheusFiles.ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                group.path("rules").forEach(rule -> {
                    if (rule.has("alert")) {
                        alerts.add(rule);
                    }
                });
            }
        }
        assertThat(alerts).as("alerting rules under prometheus/rules").isNotEmpty();
        return alerts;
    }

    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    private static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
