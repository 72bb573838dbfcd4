package dev.hafs.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExporterProcess;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as users run it (the README's command), through a life that makes libraries and
 * the JVM speak: a protobuf scrape (whose shaded protobuf touches sun.misc.Unsafe, which JDK 24+
 * warns about), every page, SIGHUP and SIGTERM. Every line on standard error must be one record in
 * the chosen format, as a log pipeline reads it.
 */
@Tag("slow")
class StandardErrorIT {
    private static final Path JAR = Path.of("target/hafs-training-exporter.jar");
    private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"logfmt", "json"})
    void standardErrorCarriesOnlyLogRecords(String format) throws Exception {
        // Older JDKs print no warning for sun.misc.Unsafe; CI runs JDK 25.
        assumeThat(Runtime.version().feature()).as("the JVM that runs the jar").isGreaterThanOrEqualTo(24);
        assertThat(JAR).as("built by ./mvnw package before the integration tests").exists();
        Fixtures.copy("basic", dir.resolve("training"));
        Function<List<String>, List<Map<String, String>>> parse = format.equals("json") ? LogLines::json : LogLines::logfmt;

        try (ExporterProcess exporter = ExporterProcess.jar(ExporterProcess.readmeJvmOptions(), JAR, dir,
                "--training.dir=" + dir.resolve("training"), "--web.listen-address=127.0.0.1:0", "--log.format=" + format)) {
            ExporterClient client = exporter.client();
            assertThat(client.get("/metrics", "Accept", PROTOBUF).headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/vnd.google.protobuf"));
            assertThat(client.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0").statusCode()).isEqualTo(200);
            assertThat(client.get("/").statusCode()).isEqualTo(200);
            assertThat(client.get("/nope").statusCode()).isEqualTo(404);
            Files.writeString(dir.resolve("training/quality_feedback.json"), "{\"generator_stats\": {");
            exporter.signal("HUP");
            await().atMost(Duration.ofSeconds(20)).until(() -> parse.apply(exporter.stderrLines()).stream()
                    .anyMatch(record -> record.get("msg").startsWith("file does not load")));

            exporter.signal("TERM");
            assertThat(exporter.awaitExit(Duration.ofSeconds(20))).isZero();

            // After the exit every line is complete; a partial one would be a defect too.
            List<String> lines = exporter.stderrText().lines().toList();
            assertThat(lines).as("standard error").isNotEmpty();
            List<Map<String, String>> records = parse.apply(lines);
            assertThat(records).extracting(record -> record.get("msg")).contains(
                    "listening", "reloading: re-reading the web config and every file in the training directory",
                    "shutting down, finishing the requests in flight", "shut down");
        }
    }
}
