package dev.hafs.exporter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting stack as code: promtool and amtool judge the rules, their unit tests and the compose
 * stack's configs. The tools are required, not optional: CI installs them, and a skipped check would
 * let a broken rule ship.
 */
class PrometheusRulesTest {
    private static final String INSTALL = "apt-get install prometheus prometheus-alertmanager";
    private static final String RUNBOOK = "https://github.com/hafs/hafs-training-exporter/blob/main/docs/runbook.md#";
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Path ROOT = repositoryRoot();
    private static final Path PROMETHEUS = ROOT.resolve("prometheus");

    @TestFactory
    Stream<DynamicTest> promtoolAcceptsEveryRuleFile() throws IOException {
        return listed(PROMETHEUS.resolve("rules"), ".yml").stream().map(file -> DynamicTest.dynamicTest(
                "promtool check rules " + ROOT.relativize(file),
                () -> assertSucceeds(List.of("promtool", "check", "rules", ROOT.relativize(file).toString()))));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleUnitTestPasses() throws IOException {
        return listed(PROMETHEUS.resolve("tests"), ".test.yml").stream().map(file -> DynamicTest.dynamicTest(
                "promtool test rules " + ROOT.relativize(file),
                () -> assertSucceeds(List.of("promtool", "test", "rules", ROOT.relativize(file).toString()))));
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

        for (Path rules : listed(PROMETHEUS.resolve("rules"), ".yml")) {
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
        for (Path file : listed(PROMETHEUS.resolve("tests"), ".test.yml")) {
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
        for (Path file : listed(PROMETHEUS.resolve("rules"), ".yml")) {
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

    private static List<Path> listed(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> matching = files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
            assertThat(matching).as("*%s files in %s", suffix, directory).isNotEmpty();
            return matching;
        }
    }

    /** Runs the tool from the repository root and returns its output; fails with that output otherwise. */
    private static String assertSucceeds(List<String> command) throws IOException, InterruptedException {
        requireInstalled(command.getFirst());
        Path log = Files.createTempFile("prometheus-rules-test", ".log");
        try {
            // Output goes to a file, not a pipe, so a tool that hangs cannot block the read and the
            // wait stays bounded.
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes:%n%s", String.join(" ", command), read(log));
            }
            String output = read(log);
            assertThat(process.exitValue()).as("%s exited with %d:%n%s", String.join(" ", command),
                    process.exitValue(), output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private static void requireInstalled(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return;
            }
        }
        fail("%s is not installed (not on PATH); install it with: %s", tool, INSTALL);
    }

    // Maven runs tests from the project root; walking up also finds it from a module or IDE directory.
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("prometheus/rules")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml and prometheus/rules) above "
                + Path.of("").toAbsolutePath());
    }
}
