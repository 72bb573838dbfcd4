package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.hafs.exporter.dashboards.DashboardJson.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Grafana provisioned from grafana/ with docker-compose.yml's settings: it serves the dashboard to an
 * anonymous viewer as the home page, and every panel's queries return data through its Prometheus
 * datasource. Skipped, saying why, where the Grafana image can be neither found nor pulled.
 */
class GrafanaProvisioningIT {
    static final String DEFAULT_GRAFANA_IMAGE = "grafana/grafana:11.6.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = DashboardJson.ROOT;
    private static final Path FIXTURES = ROOT.resolve("src/test/resources/fixtures/dashboard");

    @TempDir
    Path trainingDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void grafanaServesTheProvisionedDashboardAndEveryPanelGetsData() throws Exception {
        String image = ScrapedExporter.configuredImage("hafs.it.grafana.image", "HAFS_IT_GRAFANA_IMAGE",
                DEFAULT_GRAFANA_IMAGE);
        assumeImageCanBeHad(image);
        for (String file : List.of("quality_feedback.json", "active_learning.json", "training_feedback.json")) {
            Files.copy(FIXTURES.resolve(file), trainingDir.resolve(file));
        }
        try (ScrapedExporter stack = ScrapedExporter.start(trainingDir);
                GenericContainer<?> grafana = grafana(image, stack.prometheusPort())) {
            stack.awaitValue("sum(hafs_source_up{" + stack.target() + "})", 3, Duration.ofSeconds(60));
            stack.awaitValue("count_over_time(up{" + stack.target() + "}[5m]) >= bool 3", 1, Duration.ofSeconds(30));
            grafana.start();
            String base = "http://127.0.0.1:" + grafana.getEnvMap().get("GF_SERVER_HTTP_PORT");
            await("Grafana health").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> get(base + "/api/health").path("database").asText().equals("ok"));

            for (DashboardJson each : DashboardJson.all()) {
                JsonNode loaded = get(base + "/api/dashboards/uid/" + each.uid());
                assertThat(loaded.path("meta").path("provisioned").asBoolean()).as("%s provisioned", each).isTrue();
                assertThat(loaded.path("dashboard").path("panels").size()).isEqualTo(each.root().path("panels").size());
            }
            JsonNode provisioned = get(base + "/api/dashboards/uid/hafs-training");
            assertThat(provisioned.path("meta").path("canEdit").asBoolean()).as("anonymous is a viewer").isFalse();
            DashboardJson dashboard = DashboardJson.load();
            assertThat(get(base + "/api/dashboards/home").path("dashboard").path("uid").asText())
                    .isEqualTo("hafs-training");

            TemplateVariables all = TemplateVariables.all(dashboard);
            Set<String> withData = new HashSet<>();
            for (Target target : dashboard.targets()) {
                JsonNode result = dsQuery(base, target, all.apply(target.expr()));
                assertThat(result.path("error").isMissingNode()).as("%s error: %s", target.key(), result).isTrue();
                assertThat(result.path("status").asInt(200)).as(target.key()).isEqualTo(200);
                for (JsonNode frame : result.path("frames")) {
                    if (frame.path("data").path("values").size() > 0
                            && frame.path("data").path("values").get(0).size() > 0) {
                        withData.add(target.key());
                    }
                }
            }
            // The rejection panels are empty until HAFS writes a new batch; everything else draws at once.
            List<String> expected = dashboard.targets().stream().map(Target::key)
                    .filter(key -> !key.startsWith("Rejection ")).toList();
            assertThat(withData).containsAll(expected);
        }
    }

    private JsonNode dsQuery(String base, Target target, String expr) throws IOException, InterruptedException {
        ObjectNode query = JSON.createObjectNode()
                .put("refId", target.refId())
                .put("expr", expr)
                .put("instant", !target.isRangeQuery())
                .put("range", target.isRangeQuery())
                .put("format", target.target().path("format").asText("time_series"))
                .put("intervalMs", 15000)
                .put("maxDataPoints", 500);
        query.putObject("datasource").put("type", "prometheus").put("uid", "hafs-prometheus");
        ObjectNode body = JSON.createObjectNode().put("from", "now-5m").put("to", "now");
        ArrayNode queries = body.putArray("queries");
        queries.add(query);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ds/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", target.key(), response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("results").path(target.refId());
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static GenericContainer<?> grafana(String image, int prometheusPort) throws IOException {
        JsonNode service = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services").path("grafana");
        JsonNode provider = YAML.readTree(ROOT.resolve("grafana/provisioning/dashboards/hafs.yml").toFile())
                .path("providers").get(0);
        String dashboardsPath = provider.path("options").path("path").asText();
        String datasource = Files.readString(ROOT.resolve("grafana/provisioning/datasources/prometheus.yml"))
                .replace("http://prometheus:9090", "http://127.0.0.1:" + prometheusPort);
        GenericContainer<?> grafana = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withCopyToContainer(Transferable.of(datasource), "/etc/grafana/provisioning/datasources/prometheus.yml")
                .withCopyToContainer(Transferable.of(Files.readString(ROOT.resolve("grafana/provisioning/dashboards/hafs.yml"))),
                        "/etc/grafana/provisioning/dashboards/hafs.yml");
        for (DashboardJson dashboard : DashboardJson.all()) {
            grafana.withCopyToContainer(Transferable.of(Files.readString(dashboard.file())),
                    dashboardsPath + "/" + dashboard.file().getFileName());
        }
        service.path("environment").properties().forEach(e -> grafana.withEnv(e.getKey(),
                e.getValue().asText().replaceAll("^\\$\\{[A-Z_]+:-(.*)}$", "$1")));
        return grafana
                .withEnv("GF_SERVER_HTTP_ADDR", "127.0.0.1")
                .withEnv("GF_SERVER_HTTP_PORT", String.valueOf(ScrapedExporter.freePort()));
    }

    private static void assumeImageCanBeHad(String image) {
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException e) {
            // not here yet: try the registry
        }
        DockerImageName name = DockerImageName.parse(image);
        try {
            boolean done = docker.pullImageCmd(name.getRepository()).withTag(name.getVersionPart())
                    .start().awaitCompletion(5, TimeUnit.MINUTES);
            if (done) {
                docker.inspectImageCmd(image).exec();
                return;
            }
            skip(image, "pulling it took longer than 5 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skip(image, "interrupted while pulling it");
        } catch (RuntimeException e) {
            skip(image, "it is not present locally and pulling it failed: " + e.getMessage());
        }
    }

    private static void skip(String image, String reason) {
        String message = "GrafanaProvisioningIT skipped: no Grafana image " + image + " (" + reason
                + "). Set -Dhafs.it.grafana.image=... to an image this Docker engine has.";
        System.out.println(message);

        Assumptions.abort(message);
    }
}
