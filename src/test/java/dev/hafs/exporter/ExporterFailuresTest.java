package dev.hafs.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.FaultyParser;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.watch.DirectoryListener;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole exporter in this JVM with a failing part put in: what a user sees on /metrics and the
 * probes when a parse throws an Error (at start and at a reload), when the watch cannot go on, and
 * on a reload as SIGHUP asks for it.
 */
class ExporterFailuresTest {
    private static final String QUALITY = "quality_feedback.json";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private HafsTrainingExporter exporter;
    private ExporterClient client;
    private final AtomicReference<FaultyParser> quality = new AtomicReference<>();

    private void start(String pollInterval, UnaryOperator<DirectoryListener> listener) {
        start(pollInterval, listener, null);
    }

    /** With {@code faultAtStart}, the quality file's parse fails from the first scan on. */
    private void start(String pollInterval, UnaryOperator<DirectoryListener> listener, Supplier<Throwable> faultAtStart) {
        HafsTrainingExporter.Interposers interposers = new HafsTrainingExporter.Interposers((file, parser) -> {
            if (file != Source.QUALITY_FEEDBACK) {
                return parser;
            }
            quality.set(new FaultyParser(parser));
            if (faultAtStart != null) {
                quality.get().fail(faultAtStart);
            }
            return quality.get();
        }, listener);
        exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + dir, "--web.listen-address=127.0.0.1:0",
                "--watch.poll-interval=" + pollInterval), interposers);
        client = new ExporterClient(exporter.port());
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
    }

    private double value(String series) {
        return client.scrape().value(series).orElse(Double.NaN);
    }

    private static String withAccepted(int accepted) {
        return Fixtures.text("basic", QUALITY).replace("\"samples_accepted\": 425", "\"samples_accepted\": " + accepted);
    }

    @Test
    void outOfMemoryInAReloadIsAFailedLoadKeepsTheLastGoodSeriesAndIsRetriedByThePoll() {
        Fixtures.copy("basic", dir);
        start("200ms", UnaryOperator.identity());
        quality.get().fail(() -> new OutOfMemoryError("Java heap space"));

        HafsWriter.write(dir.resolve(QUALITY), withAccepted(430));

        await().atMost(WITHIN).until(() -> value("hafs_source_up{file=\"quality_feedback.json\"}") == 0);
        Exposition failing = client.scrape();
        assertThat(failing.value("hafs_source_load_failures_total{file=\"quality_feedback.json\",reason=\"too_large\"}").orElseThrow())
                .isGreaterThanOrEqualTo(1);
        assertThat(failing.value("hafs_generator_samples_accepted_total{generator=\"unknown\"}")).hasValue(425);
        assertThat(client.get("/-/healthy").statusCode()).isEqualTo(200);

        // The file does not change again: the poll's retry picks it up once the parse works.
        quality.get().heal();
        await().atMost(WITHIN).until(() -> value("hafs_source_up{file=\"quality_feedback.json\"}") == 1);
        assertThat(value("hafs_generator_samples_accepted_total{generator=\"unknown\"}")).isEqualTo(430);
    }

    @Test
    void aFileWhoseParseFailsWithAnErrorAtStartIsAFailingSourceAndTheExporterStarts() {
        Fixtures.copy("basic", dir);
        start("1h", UnaryOperator.identity(), StackOverflowError::new);

        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
        Exposition scrape = client.scrape();
        assertThat(scrape.value("hafs_source_up{file=\"quality_feedback.json\"}")).hasValue(0);
        assertThat(scrape.value("hafs_source_load_failures_total{file=\"quality_feedback.json\",reason=\"parse\"}")).hasValue(1);
        assertThat(scrape.value("hafs_source_up{file=\"active_learning.json\"}")).hasValue(1);
        assertThat(scrape.family("hafs_generator_samples_generated_total")).isEmpty();
    }

    @Test
    void aReloadReReadsEveryFileEvenUnchanged() {
        Fixtures.copy("basic", dir);
        start("1h", UnaryOperator.identity());
        Exposition before = client.scrape();

        exporter.reload();

        // The fixture's three files; the sources it does not have stay missing, with no loads.
        assertThat(before.family("hafs_source_loads_total").values()).filteredOn(loads -> loads > 0).hasSize(3);
        await().atMost(WITHIN).until(() -> {
            Exposition after = client.scrape();
            return after.family("hafs_source_loads_total").entrySet().stream()
                    .allMatch(series -> series.getValue() == before.value(series.getKey()).orElseThrow()
                            + (before.value(series.getKey()).orElseThrow() > 0 ? 1 : 0));
        });
    }

    @Test
    void aWatchThatCannotGoOnTurnsTheProbesTo503WithTheReason() {
        Fixtures.copy("basic", dir);
        start("100ms", listener -> FailingWatchMain.REFUSING);

        String reason = exporter.failure().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();

        assertThat(reason).isEqualTo("the directory watch stopped: it failed again and again");
        HttpResponse<String> healthy = client.get("/-/healthy");
        assertThat(healthy.statusCode()).isEqualTo(503);
        assertThat(healthy.body()).isEqualTo("Unhealthy: the directory watch stopped: it failed again and again\n");
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(503);
        assertThat(client.get("/metrics").statusCode()).isEqualTo(200);
    }
}
