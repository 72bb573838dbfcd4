package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's binary, on 127.0.0.1 with its own data directory) scrapes the exporter
 * through a relay that keeps a copy of the bytes: the scrape asked for gzip, was answered with gzip,
 * and Prometheus stored the HAFS values from it.
 */
@Tag("slow")
class PrometheusGzipScrapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void prometheusScrapesTheGzipBody() throws Exception {
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + Fixtures.directory("basic"), "--web.listen-address=127.0.0.1:0"));
                Relay relay = new Relay(exporter.port())) {
            int prometheusPort = freePort();
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: hafs-training
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(relay.port()));
            Process prometheus = start(List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort), work.resolve("prometheus.log"));
            try {
                String accepted = "hafs_generator_samples_accepted_total{generator=\"unknown\",job=\"hafs-training\"}";
                // A new target's first sample shows after a few seconds.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> query(prometheusPort, accepted).equals("425"));
                assertThat(query(prometheusPort, "up{job=\"hafs-training\"}")).isEqualTo("1");
                assertThat(query(prometheusPort, "process_open_fds{job=\"hafs-training\"} > 0")).isNotEmpty();

                assertThat(relay.requests()).containsPattern("(?i)accept-encoding: gzip");
                assertThat(relay.responses()).containsPattern("(?i)content-encoding: gzip")
                        .containsPattern("(?i)content-type: application/openmetrics-text");
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static Process start(List<String> command, Path log) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("prometheus is not installed; apt-get install prometheus", e);
        }
    }

    /** The value of an instant query's single result, or "" when it has none. */
    private static String query(int port, String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "";
        }
        JsonNode result = JSON.readTree(response.body()).path("data").path("result");
        return result.isEmpty() ? "" : result.get(0).path("value").get(1).asText();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A TCP relay on 127.0.0.1 that forwards to the exporter and keeps the first bytes of each direction. */
    private static final class Relay implements AutoCloseable {
        private static final int KEPT = 1 << 20;
        private final ServerSocket server;
        private final ByteArrayOutputStream requests = new ByteArrayOutputStream();
        private final ByteArrayOutputStream responses = new ByteArrayOutputStream();

        Relay(int target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        Thread.ofVirtual().start(() -> pump(client, upstream, requests));
                        Thread.ofVirtual().start(() -> pump(upstream, client, responses));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        String requests() {
            return copy(requests);
        }

        String responses() {
            return copy(responses);
        }

        private static String copy(ByteArrayOutputStream bytes) {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.ISO_8859_1);
            }
        }

        private static void pump(Socket from, Socket to, ByteArrayOutputStream kept) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    synchronized (kept) {
                        if (kept.size() < KEPT) {
                            kept.write(buffer, 0, read);
                        }
                    }
                }
            } catch (IOException e) {
                // The other side closed: so does this one.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that is left to do with it.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
