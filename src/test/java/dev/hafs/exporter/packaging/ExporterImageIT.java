package dev.hafs.exporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image as users run it: built from the Dockerfile, started read-only with every capability
 * dropped, on host networking (this machine has no bridge), with its own HEALTHCHECK judging it.
 */
@Tag("slow")
class ExporterImageIT {
    private static final long MAX_IMAGE_BYTES = 120L * 1000 * 1000;
    private static final String ANY_BCRYPT_HASH = "$2y$10$/NpPkJitlLCJ6AXx8IJqo.47Ntkxr7YeWrNd0JuSb7c1gne8LvOhK";

    @TempDir
    Path dir;

    private final List<String> containers = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeContainers() {
        if (!containers.isEmpty()) {
            Docker.remove(containers.toArray(String[]::new));
        }
    }

    @Test
    void imageIsSmallLabelledAndRunsAsAFixedUserAndGroup() {
        String image = ExporterImage.tag();

        assertThat(Long.parseLong(Docker.inspect("{{.Size}}", image))).isLessThanOrEqualTo(MAX_IMAGE_BYTES);
        assertThat(Docker.inspect("{{.Config.User}}", image)).isEqualTo("10001:10001");
        assertThat(Docker.inspect("{{index .Config.Labels \"org.opencontainers.image.version\"}}", image))
                .isEqualTo(ExporterImage.pomVersion());
        assertThat(Docker.inspect("{{index .Config.Labels \"org.opencontainers.image.licenses\"}}", image)).isEqualTo("Apache-2.0");
        for (String label : List.of("title", "description", "revision", "source", "created")) {
            assertThat(Docker.inspect("{{index .Config.Labels \"org.opencontainers.image." + label + "\"}}", image))
                    .as(label).isNotBlank().isNotEqualTo("<no value>");
        }
    }

    @Test
    void servesTheMountedDirectoryFromAReadOnlyRootWithNoCapabilitiesAndLogsOnlyLogRecords() throws Exception {
        int port = ExporterImage.freePort();
        String name = start(port, Map.of("TZ", "Europe/Berlin"), List.of());

        String metrics = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(port, "/metrics"), body -> body.contains("hafs_source_up{file=\"training_feedback.json\"} 1"));
        assertThat(metrics).contains("hafs_source_up{file=\"quality_feedback.json\"} 1", "hafs_generator_samples_generated_total{",
                "version=\"" + ExporterImage.pomVersion() + "\"");
        String status = Files.readString(Path.of("/proc", Docker.inspect("{{.State.Pid}}", name), "status"));
        assertThat(status).containsPattern("(?m)^Uid:\\s+10001\\s").containsPattern("(?m)^Gid:\\s+10001\\s")
                .containsPattern("(?m)^CapEff:\\s+0+$");
        // No JVM warning (AOT cache, Unsafe) on either stream: every line is a log record.
        String logs = Docker.ok("logs", name);
        assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("ts="));
    }

    @Test
    void theAotCacheBuiltIntoTheImageMatchesItsRuntimeAndJar() {
        // AOTMode=on refuses to start when the cache cannot be used (another JDK, jar or options).
        ExternalTool.Result version = Docker.run("run", "--rm", "--network", "host", "--read-only", "--cap-drop", "ALL",
                "--entrypoint", "/opt/hafs/runtime/bin/java", ExporterImage.tag(), "@/opt/hafs/jvm.options",
                "-XX:AOTCache=/opt/hafs/hafs-training-exporter.aot", "-XX:AOTMode=on",
                "-jar", "/opt/hafs/hafs-training-exporter.jar", "--version");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("hafs-training-exporter version " + ExporterImage.pomVersion());
    }

    @Test
    void healthcheckTurnsHealthyWithPlainHttpBasicAuthTlsAndMutualTls() throws Exception {
        Path config = dir.resolve("web");
        Files.createDirectories(config);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", config.resolve("server.key").toString(), "-out", config.resolve("server.crt").toString());
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=clients CA", "-keyout", config.resolve("clients-ca.key").toString(),
                "-out", config.resolve("clients-ca.crt").toString());
        String tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";
        Map<String, String> webConfigs = Map.of(
                "basic-auth.yml", "basic_auth_users:\n  prometheus: " + ANY_BCRYPT_HASH + "\n",
                "tls.yml", tls,
                "tls-basic-auth.yml", tls + "basic_auth_users:\n  prometheus: " + ANY_BCRYPT_HASH + "\n",
                "mutual-tls.yml", tls + "  client_ca_file: clients-ca.crt\n  client_auth_type: RequireAndVerifyClientCert\n");
        for (Map.Entry<String, String> file : webConfigs.entrySet()) {
            Files.writeString(config.resolve(file.getKey()), file.getValue());
        }
        ExporterImage.shareWithContainers(config);

        List<String> started = new ArrayList<>();
        int plainPort = ExporterImage.freePort();
        started.add(start(plainPort, Map.of("HAFS_HEALTHCHECK_ADDRESS", ":" + plainPort), List.of()));
        for (String webConfig : webConfigs.keySet().stream().sorted().toList()) {
            int port = ExporterImage.freePort();
            started.add(start(port, Map.of("HAFS_HEALTHCHECK_ADDRESS", ":" + port),
                    List.of("-v", config + ":/etc/hafs:ro"), "--web.config.file=/etc/hafs/" + webConfig));
        }
        for (String name : started) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(Docker.inspect("{{.State.Health.Status}}", name))
                            .as("%s: %s", name, Docker.inspect("{{json .State.Health}}", name)).isEqualTo("healthy"));
        }
        assertThat(Docker.inspect("{{(index .State.Health.Log 0).Output}}", started.get(0))).startsWith("healthy: GET http://");

        // And the check can fail: pointed at a port nothing listens on, the same container turns unhealthy.
        String misdirected = start(ExporterImage.freePort(), Map.of("HAFS_HEALTHCHECK_ADDRESS", ":" + ExporterImage.freePort()), List.of());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Docker.inspect("{{.State.Health.Status}}", misdirected), "unhealthy"::equals);
        assertThat(Docker.inspect("{{(index .State.Health.Log 0).Output}}", misdirected)).startsWith("unhealthy: nothing listens on");
    }

    /** Starts the image read-only, without capabilities, on the basic fixture, listening on 127.0.0.1:port. */
    private String start(int port, Map<String, String> environment, List<String> options, String... flags) throws IOException {
        Path data = dir.resolve("data-" + port);
        Fixtures.copy("basic", data);
        ExporterImage.shareWithContainers(data);
        String name = "hafs-it-image-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "host", "--read-only",
                "--cap-drop", "ALL", "--health-interval", "1s", "--health-retries", "2", "--health-start-period", "60s",
                "-v", data + ":/data:ro"));
        environment.forEach((key, value) -> args.addAll(List.of("-e", key + "=" + value)));
        args.addAll(options);
        args.add(ExporterImage.tag());
        args.add("--web.listen-address=127.0.0.1:" + port);
        args.addAll(List.of(flags));
        containers.add(name);
        Docker.ok(args.toArray(String[]::new));
        return name;
    }

    private static void openssl(String... args) {
        ExternalTool.Result result = new ExternalTool("openssl", "apt-get install openssl").run(null, List.of(args));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String get(int port, String path) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
