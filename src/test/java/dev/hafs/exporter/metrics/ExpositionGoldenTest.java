package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.http.ExporterHttpServer;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.Pipeline;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import io.prometheus.metrics.shaded.com_google_protobuf_4_35_0.TextFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact body /metrics serves over HTTP for the basic fixture directory, in all three formats,
 * as node_exporter's end-to-end test pins its output: every HAFS line byte for byte, and of the
 * process_ and jvm_ families (whose values change from scrape to scrape) their HELP, TYPE and UNIT
 * lines. Regenerate after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class ExpositionGoldenTest {
    private static final Instant LOADED_AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final BuildInfo BUILD = new BuildInfo("1.2.3", "0123456789ab");
    private static final Pattern VOLATILE = Pattern.compile("(process|jvm)_.*");

    private static Pipeline pipeline;
    private static ExporterHttpServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serveTheBasicFixture() throws Exception {
        SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(LOADED_AT));
        TrainingSnapshotCollector collector = new TrainingSnapshotCollector(store, BUILD);
        pipeline = new Pipeline(store, Fixtures.directory("basic"), Clock.fixed(LOADED_AT, ZoneOffset.UTC), 1 << 20,
                Pipeline.SETTLE_TIME, new SeriesBudget(collector, 20_000));
        pipeline.initialScan();
        server = ExporterHttpServer.start(List.of(ListenAddress.parse("web.listen-address", "127.0.0.1:0")), "/metrics",
                Optional.empty(), Duration.ofHours(1), new ScrapeBodies(collector), store, BUILD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void textFormat() throws Exception {
        HttpResponse<byte[]> response = scrape("text/plain");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("# EOF").endsWith("\n");
        assertGolden(withoutVolatileSamples(body), "basic.prom");
    }

    @Test
    void openMetricsEndsWithExactlyOneEof() throws Exception {
        HttpResponse<byte[]> response = scrape("application/openmetrics-text; version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body.lines().filter(line -> line.startsWith("# EOF"))).hasSize(1);
        assertThat(body).endsWith("\n# EOF\n");
        assertGolden(withoutVolatileSamples(body), "basic.openmetrics");
    }

    @Test
    void protobufDecodesIntoTheSameFamilies() throws Exception {
        HttpResponse<byte[]> response = scrape(
                "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
        List<MetricFamily> families = decode(response.body());
        // One line per family and one per series, in protobuf's own text notation.
        TextFormat.Printer printer = TextFormat.printer().escapingNonAscii(false);
        StringBuilder decoded = new StringBuilder();
        for (MetricFamily family : families) {
            decoded.append(printer.shortDebugString(family.toBuilder().clearMetric().build())).append('\n');
            if (!VOLATILE.matcher(family.getName()).matches()) {
                family.getMetricList().forEach(metric -> decoded.append("  ").append(printer.shortDebugString(metric)).append('\n'));
            }
        }
        assertThat(families).extracting(MetricFamily::getName).doesNotHaveDuplicates()
                .contains("hafs_generator_samples_generated_total", "process_cpu_seconds_total", "jvm_memory_used_bytes");
        assertGolden(decoded.toString(), "basic.protobuf.txt");
    }

    private static HttpResponse<byte[]> scrape(String accept) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** Keeps every line but the samples of the process_ and jvm_ families. */
    private static String withoutVolatileSamples(String body) {
        StringBuilder kept = new StringBuilder();
        for (String line : body.split("\n")) {
            boolean sample = !line.startsWith("#");
            String name = sample ? line.split("[{ ]", 2)[0] : line.split(" ").length > 2 ? line.split(" ")[2] : "";
            if (!(sample && VOLATILE.matcher(name).matches())) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static List<MetricFamily> decode(byte[] body) throws IOException {
        List<MetricFamily> families = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(body)) {
            MetricFamily family;
            while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
                families.add(family);
            }
        }
        return families;
    }

    private static void assertGolden(String actual, String golden) throws IOException {
        Path goldenFile = Path.of("src/test/resources/golden", golden);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(goldenFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(goldenFile, StandardCharsets.UTF_8));
    }
}
