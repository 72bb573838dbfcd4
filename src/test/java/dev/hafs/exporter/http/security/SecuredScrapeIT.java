package dev.hafs.exporter.http.security;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Prometheus scraping the exporter the way an operator secures it: HTTPS with the exporter's
 * certificate checked against a CA (tls_config.ca_file), a client certificate (mutual TLS), and
 * basic_auth. The target is up; the same target with a wrong password is down, so "up" means something.
 * Like the dashboard suite, the container shares the host's network and reaches the exporter on 127.0.0.1.
 */
class SecuredScrapeIT {
    private static final String DEFAULT_PROMETHEUS_IMAGE = "prom/prometheus:v2.53.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** -Dhafs.it.prometheus.image, else $HAFS_IT_PROMETHEUS_IMAGE, else the official image. */
    private static String prometheusImage() {
        String image = System.getProperty("hafs.it.prometheus.image");
        if (image == null || image.isBlank()) {
            image = System.getenv("HAFS_IT_PROMETHEUS_IMAGE");
        }
        return image == null || image.isBlank() ? DEFAULT_PROMETHEUS_IMAGE : image;
    }

    @Test
    void prometheusScrapesOverMutualTlsWithBasicAuth() throws IOException {
        TestPki serverCa = TestPki.create(dir, "server");
        serverCa.server("server");
        TestPki clientCa = TestPki.create(dir, "clients");
        TestPki.Issued prometheusIdentity = clientCa.client("prometheus");
        String webConfig = """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_ca_file: clients-ca.crt
                  client_auth_type: RequireAndVerifyClientCert
                basic_auth_users:
                  prometheus: %s
                """.formatted(WebConfigParserTest.HTPASSWD_HASH);

        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, webConfig)) {
            int prometheusPort = freePort();
            GenericContainer<?> prometheus = new GenericContainer<>(DockerImageName.parse(prometheusImage()))
                    .withNetworkMode("host")
                    .withCopyToContainer(Transferable.of(scrapeConfig(exporter.exporter().port())),
                            "/etc/prometheus/prometheus.yml")
                    .withCopyToContainer(readable(serverCa.caCertificate()), "/etc/prometheus/ca.crt")
                    .withCopyToContainer(readable(prometheusIdentity.certificate()), "/etc/prometheus/client.crt")
                    .withCopyToContainer(readable(prometheusIdentity.key()), "/etc/prometheus/client.key")
                    .withCommand("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
                            "--web.listen-address=127.0.0.1:" + prometheusPort);
            try {
                prometheus.start();
                Query api = new Query(prometheusPort);
                awaitOrExplain(prometheus, "the secured target to be up", () -> api.up("hafs-secured") == 1.0);
                awaitOrExplain(prometheus, "the wrong-password target to be scraped and down",
                        () -> api.up("hafs-wrong-password") == 0.0);
                awaitOrExplain(prometheus, "the exporter's own series through the secured scrape",
                        () -> api.value("hafs_exporter_build_info{job=\"hafs-secured\"}").orElse(0.0) == 1.0);
            } finally {
                prometheus.stop();
            }
        }
    }

    private static String scrapeConfig(int exporterPort) {
        String job = """
                  - job_name: %s
                    scheme: https
                    basic_auth:
                      username: prometheus
                      password: %s
                    tls_config:
                      ca_file: /etc/prometheus/ca.crt
                      cert_file: /etc/prometheus/client.crt
                      key_file: /etc/prometheus/client.key
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """;
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                """ + job.formatted("hafs-secured", "scrape-secret", exporterPort)
                + job.formatted("hafs-wrong-password", "not-the-password", exporterPort);
    }

    /** Mode 0644: the image's Prometheus runs as an unprivileged user. */
    private static Transferable readable(Path file) throws IOException {
        return Transferable.of(Files.readAllBytes(file), 0644);
    }

    private static void awaitOrExplain(GenericContainer<?> prometheus, String what,
            java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; Prometheus (" + prometheusImage()
                    + ") logged:\n" + prometheus.getLogs(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prometheus's instant-query API, for one-sample answers. */
    private record Query(int port) {
        double up(String job) throws IOException, InterruptedException {
            return value("up{job=\"" + job + "\"}").orElseThrow(() -> new IllegalStateException("not scraped yet"));
        }

        Optional<Double> value(String promql) throws IOException, InterruptedException {
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("data").path("result");
            if (result.size() != 1) {
                return Optional.empty();
            }
            return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
        }
    }
}
