package dev.hafs.exporter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Grafana's provisioning files, docker-compose.yml and the Dockerfile agree with each other and the tree. */
class ProvisioningFilesTest {
    private static final Path ROOT = DashboardJson.ROOT;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** `${NAME:-default}` as compose writes overridable values. */
    private static final Pattern DEFAULTED = Pattern.compile("^\\$\\{([A-Z_]+):-([^}]+)}(.*)$");

    @Test
    void datasourceHasAFixedUidAndPointsAtTheComposePrometheus() throws IOException {
        JsonNode file = yaml("grafana/provisioning/datasources/prometheus.yml");
        assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode datasource = file.path("datasources").get(0);
        assertThat(datasource.path("uid").asText()).isEqualTo("hafs-prometheus");
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(datasource.path("jsonData").path("timeInterval").asText()).matches("\\d+s");
        for (DashboardJson dashboard : DashboardJson.all()) {
            assertThat(dashboard.variable("datasource").path("current").path("value").asText())
                    .as("default datasource of %s", dashboard).isEqualTo("hafs-prometheus");
        }
    }

    @Test
    void dashboardProviderReadsTheFolderComposeMountsTheDashboardsAt() throws IOException {
        JsonNode provider = yaml("grafana/provisioning/dashboards/hafs.yml").path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        assertThat(mountsOf("grafana")).contains("./grafana/dashboards:" + path + ":ro");
        // The provider loads the whole folder: every dashboard there is provisioned, none needs its own entry.
        assertThat(DashboardJson.all()).extracting(DashboardJson::toString)
                .contains("hafs-training.json", "hafs-curation.json");
        assertThat(provider.path("allowUiUpdates").asBoolean(true)).isFalse();
    }

    @Test
    void grafanaIsProvisionedAnonymousReadOnlyWithTheDashboardAsHome() throws IOException {
        JsonNode grafana = service("grafana");
        JsonNode env = grafana.path("environment");
        assertThat(env.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("true");
        assertThat(env.path("GF_AUTH_ANONYMOUS_ORG_ROLE").asText()).isEqualTo("Viewer");
        String home = env.path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        String dashboardsMount = provider().path("options").path("path").asText();
        assertThat(home).isEqualTo(dashboardsMount + "/hafs-training.json");
        assertThat(mountsOf("grafana")).contains("./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void everyBindMountOfTheStackExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : List.of("exporter", "prometheus", "alertmanager", "grafana")) {
            for (String mount : mountsOf(name)) {
                String source = mount.substring(0, mount.indexOf(':', mount.startsWith("${") ? mount.indexOf('}') : 0));
                if (source.startsWith("./") && !Files.exists(ROOT.resolve(source))) {
                    missing.add(name + ": " + source);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(mountsOf("prometheus")).contains("./prometheus:/etc/prometheus:ro");
        assertThat(mountsOf("alertmanager"))
                .contains("./prometheus/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
    }

    @Test
    void prometheusConfigScrapesTheComposeExporterAndAlertsTheComposeAlertmanager() throws IOException {
        String config = Files.readString(ROOT.resolve("prometheus/prometheus.yml"));
        assertThat(config).contains("exporter:9746", "alertmanager:9093", "/etc/prometheus/rules/");
    }

    @Test
    void trainingDirectoryIsMountedReadOnlyFromHafsDefault() throws IOException {
        assertThat(mountsOf("exporter")).contains("${HAFS_TRAINING_DIR:-~/.context/training}:/data:ro");
        assertThat(service("exporter").path("build").path("context").asText()).isEqualTo(".");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("HAFS_TRAINING_DIR=/data");
    }

    /** hafs_campaign_process_up looks HAFS's pid up in /proc: only the host's pid namespace has it. */
    @Test
    void theExporterSharesTheHostsPidsAndChecksTheCampaignsProcess() throws IOException {
        JsonNode exporter = service("exporter");
        assertThat(exporter.path("pid").asText()).isEqualTo("host");
        assertThat(exporter.path("command").toString()).doesNotContain("--no-campaign.process-check");
        assertThat(exporter.path("cap_drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(exporter.has("privileged")).isFalse();
    }

    @Test
    void imagesArePinnedAndOverridable() throws IOException {
        for (String name : List.of("prometheus", "alertmanager", "grafana")) {
            Matcher image = DEFAULTED.matcher(service(name).path("image").asText());
            assertThat(image.matches()).as("%s image is ${VAR:-default}", name).isTrue();
            assertThat(image.group(1)).isEqualTo(name.toUpperCase() + "_IMAGE");
            assertThat(image.group(2)).as("%s image tag", name).matches("[a-z/]+:v?\\d+\\.\\d+\\.\\d+");
        }
        JsonNode args = service("exporter").path("build").path("args");
        assertThat(args.path("BUILD_IMAGE").asText()).isEqualTo("${EXPORTER_BUILD_IMAGE:-eclipse-temurin:25-jdk}");
        assertThat(args.path("RUNTIME_IMAGE").asText()).isEqualTo("${EXPORTER_RUNTIME_IMAGE:-gcr.io/distroless/base-debian12}");
    }

    @Test
    void dockerfileBuildsOnArgumentsAndRunsUnprivilegedWithAHealthcheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("ARG BUILD_IMAGE=eclipse-temurin:25-jdk", "ARG RUNTIME_IMAGE=gcr.io/distroless/base-debian12",
                        "FROM ${BUILD_IMAGE} AS build", "FROM ${RUNTIME_IMAGE} AS runtime-base", "EXPOSE 9746", "healthcheck",
                        "./mvnw -B -q -Dmaven.test.skip=true")
                .containsPattern("(?m)^HEALTHCHECK ")
                .containsPattern("(?m)^USER [1-9]\\d*");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("target/");
    }

    private static JsonNode provider() throws IOException {
        return yaml("grafana/provisioning/dashboards/hafs.yml").path("providers").get(0);
    }

    private static JsonNode service(String name) throws IOException {
        JsonNode service = yaml("docker-compose.yml").path("services").path(name);
        assertThat(service.isObject()).as("compose service %s", name).isTrue();
        return service;
    }

    private static List<String> mountsOf(String name) throws IOException {
        List<String> mounts = new ArrayList<>();
        service(name).path("volumes").forEach(v -> mounts.add(v.asText()));
        return mounts;
    }

    private static JsonNode yaml(String path) throws IOException {
        return YAML.readTree(ROOT.resolve(path).toFile());
    }
}
