package dev.hafs.exporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hafs.exporter.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped docker-compose.yml brought up end to end with Debian's docker-compose (1.29, which also
 * proves the file needs nothing newer), plus a test override: host networking (this machine has no
 * bridge), local images, random ports, a unique project name. The exporter is the image built from the
 * Dockerfile; Prometheus loads the project's rules and one test-only rule whose alert must reach
 * Alertmanager. Grafana joins only where its image can be had; the console says why not otherwise.
 */
@Tag("slow")
class ComposeStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = ExporterImage.ROOT;
    private static final String GRAFANA_IMAGE = "grafana/grafana:11.6.0";

    @TempDir
    Path dir;

    @Test
    void theStackScrapesTheExporterLoadsTheRulesAndDeliversAnAlert() throws Exception {
        String exporterImage = ExporterImage.tag();
        int exporterPort = ExporterImage.freePort();
        int prometheusPort = ExporterImage.freePort();
        int alertmanagerPort = ExporterImage.freePort();
        int grafanaPort = ExporterImage.freePort();
        Path data = dir.resolve("training");
        Fixtures.copy("basic", data);
        Path it = dir.resolve("it");
        Files.createDirectories(it.resolve("grafana/datasources"));
        Files.writeString(it.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - /etc/prometheus/rules/*.yml
                  - /etc/prometheus-it/*.rules.yml
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                  - job_name: hafs-training
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(alertmanagerPort, exporterPort));
        // Only here to prove the path from a rule to Alertmanager; the shipped rules are promtool-tested.
        Files.writeString(it.resolve("it.rules.yml"), """
                groups:
                  - name: compose-it
                    rules:
                      - alert: HafsComposeStackAlertPath
                        expr: hafs_source_up{file="quality_feedback.json"} == 1
                        for: 2s
                        labels:
                          severity: info
                """);
        Files.writeString(it.resolve("grafana/datasources/prometheus.yml"), """
                apiVersion: 1
                datasources:
                  - name: Prometheus
                    uid: hafs-prometheus
                    type: prometheus
                    access: proxy
                    url: http://127.0.0.1:%d
                    isDefault: true
                """.formatted(prometheusPort));
        Files.copy(ROOT.resolve("grafana/provisioning/dashboards"), it.resolve("grafana/dashboards"));
        for (Path provider : Files.list(ROOT.resolve("grafana/provisioning/dashboards")).toList()) {
            Files.copy(provider, it.resolve("grafana/dashboards").resolve(provider.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path override = it.resolve("docker-compose.it.yml");
        Files.writeString(override, """
                services:
                  exporter:
                    image: %1$s
                    network_mode: host
                    command: ["--web.listen-address=127.0.0.1:%2$d"]
                    environment:
                      HAFS_HEALTHCHECK_ADDRESS: "127.0.0.1:%2$d"
                    healthcheck:
                      interval: 1s
                      start_period: 60s
                  prometheus:
                    network_mode: host
                    command:
                      - --config.file=/etc/prometheus-it/prometheus.yml
                      - --storage.tsdb.path=/prometheus
                      - --web.listen-address=127.0.0.1:%3$d
                    volumes:
                      - %5$s:/etc/prometheus-it:ro
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:%3$d/-/ready"]
                      interval: 1s
                      start_period: 60s
                  alertmanager:
                    network_mode: host
                    command:
                      - --config.file=/etc/alertmanager/alertmanager.yml
                      - --storage.path=/alertmanager
                      - --web.listen-address=127.0.0.1:%4$d
                      - --cluster.listen-address=
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:%4$d/-/ready"]
                      interval: 1s
                      start_period: 60s
                  grafana:
                    network_mode: host
                    environment:
                      GF_SERVER_HTTP_ADDR: 127.0.0.1
                      GF_SERVER_HTTP_PORT: "%6$d"
                    volumes:
                      - %5$s/grafana:/etc/grafana/provisioning:ro
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:%6$d/api/health"]
                      interval: 1s
                      start_period: 90s
                """.formatted(exporterImage, exporterPort, prometheusPort, alertmanagerPort, it, grafanaPort));
        ExporterImage.shareWithContainers(dir);

        String project = "hafsit" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>(Map.of(
                "HAFS_TRAINING_DIR", data.toString(),
                "EXPORTER_IMAGE", exporterImage,
                "PROMETHEUS_IMAGE", ExporterImage.setting("HAFS_IT_PROMETHEUS_IMAGE", "local/prometheus:2.42"),
                "ALERTMANAGER_IMAGE", ExporterImage.setting("HAFS_IT_ALERTMANAGER_IMAGE", "local/alertmanager:0.25"),
                "GRAFANA_IMAGE", GRAFANA_IMAGE,
                "TZ", "Europe/Berlin"));
        List<String> services = new ArrayList<>(List.of("exporter", "prometheus", "alertmanager"));
        String grafanaMissing = grafanaUnavailable();
        if (grafanaMissing == null) {
            services.add("grafana");
        } else {
            System.out.println("ComposeStackIT: Grafana skipped: " + grafanaMissing);
        }
        List<String> compose = List.of("-p", project, "-f", ROOT.resolve("docker-compose.yml").toString(), "-f", override.toString());
        try {
            List<String> up = new ArrayList<>(compose);
            up.addAll(List.of("up", "-d", "--no-build"));
            up.addAll(services);
            compose(environment, up);

            // depends_on waited for a healthy exporter and Alertmanager; every service gets healthy.
            for (String service : services) {
                String container = project + "_" + service + "_1";
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(Docker.inspect("{{.State.Health.Status}}", container))
                                .as(service + ": " + Docker.inspect("{{json .State.Health}}", container)).isEqualTo("healthy"));
            }
            String prometheus = "http://127.0.0.1:" + prometheusPort;
            JsonNode rules = api(prometheus + "/api/v1/rules");
            List<String> ruleFiles = new ArrayList<>();
            rules.path("data").path("groups").forEach(group -> ruleFiles.add(group.path("file").asText()));
            try (var shipped = Files.list(ROOT.resolve("prometheus/rules"))) {
                for (Path file : shipped.toList()) {
                    assertThat(ruleFiles).contains("/etc/prometheus/rules/" + file.getFileName());
                }
            }

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode target = api(prometheus + "/api/v1/targets").path("data").path("activeTargets").path(0);
                assertThat(target.path("labels").path("job").asText()).isEqualTo("hafs-training");
                assertThat(target.path("health").asText()).as(target.toString()).isEqualTo("up");
                assertThat(query(prometheus, "hafs_generator_samples_generated_total{generator=\"baseline\"}")).isEqualTo("120");
            });
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(api(prometheus + "/api/v1/alertmanagers").path("data").path("activeAlertmanagers").toString())
                            .contains("127.0.0.1:" + alertmanagerPort));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(api("http://127.0.0.1:" + alertmanagerPort + "/api/v2/alerts").toString())
                            .contains("\"alertname\":\"HafsComposeStackAlertPath\"", "\"job\":\"hafs-training\""));
            if (services.contains("grafana")) {
                JsonNode health = api("http://127.0.0.1:" + grafanaPort + "/api/datasources/uid/hafs-prometheus/health");
                assertThat(health.path("status").asText()).isEqualTo("OK");
            }
        } finally {
            List<String> down = new ArrayList<>(compose);
            down.addAll(List.of("down", "-v", "--remove-orphans", "-t", "10"));
            compose(environment, down);
        }
    }

    /** Why Grafana's image cannot be had here, or null when it can. */
    private static String grafanaUnavailable() {
        if (Docker.run("image", "inspect", GRAFANA_IMAGE).exitCode() == 0) {
            return null;
        }
        var pull = Docker.run("pull", "-q", GRAFANA_IMAGE);
        return pull.exitCode() == 0 ? null
                : GRAFANA_IMAGE + " is not present and cannot be pulled (" + pull.output().strip().lines().reduce((a, b) -> b).orElse("") + ")";
    }

    private static String compose(Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("docker-compose");
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(ROOT.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("docker-compose is not installed (apt-get install docker-compose): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String query(String prometheus, String promql) {
        JsonNode result = api(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data").path("result");
        return result.isEmpty() ? null : result.get(0).path("value").get(1).asText();
    }

    private static JsonNode api(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
