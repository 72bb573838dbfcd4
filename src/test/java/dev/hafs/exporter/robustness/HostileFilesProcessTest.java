package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExporterProcess;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile files of the sizes issue 11 found breaking the exporter, against the exporter as users run
 * it: its own process with the README's JVM options (64 MiB of heap, exit on out of memory). Each
 * file is there at start, or written in place while the exporter runs; then a good file replaces
 * it. Throughout, the process stays alive and serving,
 * /-/healthy stays 200 (the pipeline keeps following the files), and /metrics tells the truth about
 * the file: loaded ({@code hafs_source_up 1}: its new content is what is served) or not
 * ({@code hafs_source_up 0}, a failure counted, the last good series kept); a good file loads again.
 */
@Tag("slow")
class HostileFilesProcessTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** A series only the good fixture of each file has, and its value. */
    private enum GoodSeries {
        QUALITY("quality_feedback.json", "hafs_generator_samples_accepted_total{generator=\"unknown\"}", 425),
        REGIONS("active_learning.json", "hafs_embedding_regions", 5),
        RUNS("training_feedback.json", "hafs_training_runs{state=\"running\"}", 1);

        final String file;
        final String series;
        final double value;

        GoodSeries(String file, String series, double value) {
            this.file = file;
            this.series = series;
            this.value = value;
        }
    }

    enum Hostile {
        THRESHOLDS_1M(GoodSeries.QUALITY, out -> object(out, "thresholds", 1_000_000, i -> key("t", i) + ": 0.5")),
        REGIONS_3M(GoodSeries.REGIONS, out -> array(out, "regions", 3_000_000, i -> "{\"sample_count\": 1}")),
        REGIONS_OF_ONES_5M(GoodSeries.REGIONS, out -> array(out, "regions", 5_000_000, i -> "1")),
        GENERATORS_300K(GoodSeries.QUALITY, out -> object(out, "generator_stats", 300_000, i -> key("g", i)
                + ": {\"samples_generated\": 10, \"samples_accepted\": 6, \"samples_rejected\": 4}")),
        RUNS_300K(GoodSeries.RUNS, out -> object(out, "training_runs", 300_000, i -> key("r", i)
                + ": {\"final_loss\": 0.1, \"model_name\": \"m\"}")),
        WRONG_TYPED_GENERATORS_1M(GoodSeries.QUALITY, out -> object(out, "generator_stats", 1_000_000, i -> key("g", i) + ": 1")),
        HISTORY_1M_DOMAINS_AND_SCORES(GoodSeries.QUALITY, out -> array(out, "rejection_history", 1_000_000, i ->
                "{\"domain\": " + key("d", i) + ", \"scores\": {" + key("s", i) + ": 0.5}}"));

        final GoodSeries good;
        final Content content;

        Hostile(GoodSeries good, Content content) {
            this.good = good;
            this.content = content;
        }
    }

    @FunctionalInterface
    interface Content {
        void write(Writer out) throws IOException;
    }

    @FunctionalInterface
    interface Element {
        String at(int i);
    }

    private static String key(String prefix, int i) {
        return "\"" + prefix + String.format("%07d", i) + "\"";
    }

    private static void object(Writer out, String section, int count, Element entry) throws IOException {
        out.write("{\"" + section + "\": {");
        for (int i = 0; i < count; i++) {
            out.write((i == 0 ? "" : ", ") + entry.at(i));
        }
        out.write("}}\n");
    }

    private static void array(Writer out, String section, int count, Element entry) throws IOException {
        out.write("{\"" + section + "\": [");
        for (int i = 0; i < count; i++) {
            out.write((i == 0 ? "" : ",") + entry.at(i));
        }
        out.write("]}\n");
    }

    /** In place, as HAFS writes: truncate, then the text; a reader may see any prefix of it. */
    private static void writeInPlace(Path file, Content content) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExporterProcess start(Path training) {
        return ExporterProcess.command(ExporterProcess.readmeJvmOptions(), dir, "--training.dir=" + training,
                "--web.listen-address=127.0.0.1:0");
    }

    private void recovers(ExporterProcess exporter, ExporterClient client, Path file, Hostile hostile) {
        HafsWriter.write(file, Fixtures.text("basic", hostile.good.file));
        await().atMost(WITHIN).until(() -> up(live(exporter, client), hostile) == 1
                && client.scrape().value(hostile.good.series).orElse(-1) == hostile.good.value);
        assertServing(exporter, client);
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void aHostileFilePresentAtStartIsAFailingSourceOrLoadsNeverAFailedStart(Hostile hostile) throws IOException {
        Path training = dir.resolve("training");
        Fixtures.copy("basic", training);
        Path file = training.resolve(hostile.good.file);
        writeInPlace(file, hostile.content);
        assertThat(Files.size(file)).isGreaterThan(8L << 20);

        try (ExporterProcess exporter = start(training)) {
            ExporterClient client = exporter.client();
            assertTruthful(client.scrape(), hostile, Map.of(), false);
            assertServing(exporter, client);

            recovers(exporter, client, file, hostile);
        }
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void aHostileFileWrittenWhileRunningNeitherStopsNorFoolsTheExporter(Hostile hostile) {
        Path training = dir.resolve("training");
        Fixtures.copy("basic", training);
        Path file = training.resolve(hostile.good.file);

        try (ExporterProcess exporter = start(training)) {
            ExporterClient client = exporter.client();
            Exposition good = client.scrape();
            assertThat(good.value(hostile.good.series)).hasValue(hostile.good.value);

            writeInPlace(file, hostile.content);
            await().atMost(WITHIN).until(() -> reacted(live(exporter, client), good, hostile));
            assertTruthful(client.scrape(), hostile, good.samples(), true);
            assertServing(exporter, client);

            recovers(exporter, client, file, hostile);
        }
    }

    /** A scrape, or the reason there is none: a dead exporter fails the test at once, with its exit code. */
    private static Exposition live(ExporterProcess exporter, ExporterClient client) {
        try {
            return client.scrape();
        } catch (RuntimeException e) {
            if (exporter.alive()) {
                try {
                    exporter.awaitExit(Duration.ofSeconds(2));
                } catch (AssertionError stillAlive) {
                    throw e;
                }
            }
            throw new AssertionError("the exporter died with exit code " + exporter.awaitExit(Duration.ZERO)
                    + " (3: out of memory under -XX:+ExitOnOutOfMemoryError):\n" + tail(exporter.stderrText()), e);
        }
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    private static void assertServing(ExporterProcess exporter, ExporterClient client) {
        assertThat(exporter.alive()).as("alive").isTrue();
        assertThat(client.get("/-/healthy").statusCode()).as("/-/healthy").isEqualTo(200);
        assertThat(client.get("/-/ready").statusCode()).as("/-/ready").isEqualTo(200);
    }

    private static double up(Exposition scrape, Hostile hostile) {
        return scrape.value("hafs_source_up{file=\"" + hostile.good.file + "\"}").orElseThrow();
    }

    private static double failures(Exposition scrape, Hostile hostile) {
        return scrape.family("hafs_source_load_failures_total").entrySet().stream()
                .filter(series -> series.getKey().contains("file=\"" + hostile.good.file + "\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static double loads(Exposition scrape, Hostile hostile) {
        return scrape.value("hafs_source_loads_total{file=\"" + hostile.good.file + "\"}").orElseThrow();
    }

    /** The hostile version was dealt with: loaded, or shown failing with one more failure counted. */
    private static boolean reacted(Exposition now, Exposition before, Hostile hostile) {
        return loads(now, hostile) > loads(before, hostile)
                || (up(now, hostile) == 0 && failures(now, hostile) > failures(before, hostile));
    }

    /**
     * Up 1 only with the hostile content itself served (the good file's series gone); up 0 only with
     * a failure counted and, when there was good content, that content still served.
     */
    private static void assertTruthful(Exposition scrape, Hostile hostile, Map<String, Double> lastGood, boolean hadGood) {
        if (up(scrape, hostile) == 1) {
            assertThat(scrape.value(hostile.good.series).orElse(-1)).as("stale content served as fresh")
                    .isNotEqualTo(hostile.good.value);
        } else {
            assertThat(failures(scrape, hostile)).as("a failure counted").isGreaterThanOrEqualTo(1);
            if (hadGood) {
                assertThat(scrape.value(hostile.good.series)).as("last good series kept")
                        .hasValue(lastGood.get(hostile.good.series));
            }
        }
        for (GoodSeries other : GoodSeries.values()) {
            if (other != hostile.good) {
                assertThat(scrape.value("hafs_source_up{file=\"" + other.file + "\"}")).as(other.file).hasValue(1);
            }
        }
    }
}
