package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole exporter as a user runs it: a real server on an ephemeral port, a real directory
 * rewritten the way HAFS does it, and assertions on what /metrics shows. The poll interval is an
 * hour so that every change here must arrive through the directory watch.
 */
class ExporterEndToEndTest {
    private static final String QUALITY = "quality_feedback.json";
    private static final Duration VISIBLE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private HafsTrainingExporter exporter;
    private ExporterClient client;

    private void start(Path trainingDir, String... extraFlags) {
        String[] flags = new String[extraFlags.length + 3];
        flags[0] = "--training.dir=" + trainingDir;
        flags[1] = "--web.listen-address=127.0.0.1:0";
        flags[2] = "--watch.poll-interval=1h";
        System.arraycopy(extraFlags, 0, flags, 3, extraFlags.length);
        exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(flags));
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

    @Test
    void servesTheFilesAsAUserReadsThem() {
        Fixtures.copy("basic", dir);
        start(dir);

        Exposition scrape = client.scrape();
        assertThat(scrape.family("hafs_generator_acceptance_ratio")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "hafs_generator_acceptance_ratio{generator=\"baseline\"}", 0.25,
                "hafs_generator_acceptance_ratio{generator=\"unknown\"}", 0.85));
        assertThat(scrape.value("hafs_generator_samples_generated_total{generator=\"idle \\\"quoted\\\" \\\\ gen ü\"}")).hasValue(0);
        assertThat(scrape.value("hafs_generator_rejections_total{generator=\"baseline\",reason=\"low_diversity\"}")).hasValue(60);
        assertThat(scrape.value("hafs_quality_threshold{threshold=\"min_quality_score\"}")).hasValue(0.7);
        assertThat(scrape.value("hafs_embedding_sparse_regions")).hasValue(2);
        assertThat(scrape.value("hafs_training_runs{state=\"running\"}")).hasValue(1);
        assertThat(scrape.value("hafs_training_run_final_loss{model=\"small\",run=\"run-<003>&\"}")).hasValue(0.12);
        assertThat(scrape.has("hafs_training_run_final_loss{model=\"qwen2.5-coder-finetuned\",run=\"run-002\"}")).isFalse();
        assertThat(scrape.value("hafs_source_records_skipped{file=\"quality_feedback.json\"}")).hasValue(1);
        // training_feedback.json's run details: when each run started, its models, its domains; the thresholds' effect.
        assertThat(scrape.value("hafs_training_run_start_timestamp_seconds{model=\"qwen2.5-coder-finetuned\",run=\"run-002\"}"))
                .hasValue(LocalDateTime.of(2025, 12, 21, 8, 0).atZone(ZoneId.systemDefault()).toEpochSecond());
        assertThat(scrape.family("hafs_training_run_info")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hafs_training_run_info{base_model=\"qwen2.5-coder:7b\",model=\"qwen2.5-coder-finetuned\",run=\"run-001\"}", 1.0,
                "hafs_training_run_info{base_model=\"qwen2.5-coder:7b\",model=\"qwen2.5-coder-finetuned\",run=\"run-002\"}", 1.0,
                "hafs_training_run_info{base_model=\"x\",model=\"small\",run=\"run-<003>&\"}", 1.0));
        assertThat(scrape.family("hafs_training_run_domain_samples")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hafs_training_run_domain_samples{domain=\"asm\",model=\"qwen2.5-coder-finetuned\",run=\"run-001\"}", 800.0,
                "hafs_training_run_domain_samples{domain=\"cpp\",model=\"qwen2.5-coder-finetuned\",run=\"run-001\"}", 700.0,
                "hafs_training_run_domain_samples{domain=\"asm\",model=\"qwen2.5-coder-finetuned\",run=\"run-002\"}", 1000.0));
        assertThat(scrape.family("hafs_quality_threshold_effectiveness")).containsExactly(
                Map.entry("hafs_quality_threshold_effectiveness{threshold=\"0.7\"}", 0.015));
        // The three files of the fixture are loaded; the other sources (status files, datasets/) are missing.
        assertThat(scrape.family("hafs_source_up")).hasSize(Source.values().length).containsAllEntriesOf(Map.of(
                "hafs_source_up{file=\"quality_feedback.json\"}", 1.0, "hafs_source_up{file=\"active_learning.json\"}", 1.0,
                "hafs_source_up{file=\"training_feedback.json\"}", 1.0, "hafs_source_up{file=\"datasets\"}", 0.0));
        assertThat(scrape.family("hafs_source_load_failures_total")).hasSize(5 * Source.values().length).allSatisfy((series, count) -> assertThat(count).isZero());
        assertThat(scrape.text()).contains("hafs_exporter_build_info{revision=\"");
    }

    @Test
    void negotiatesTheExpositionFormatFromTheAcceptHeader() {
        Fixtures.copy("basic", dir);
        start(dir);

        assertThat(client.get("/metrics").headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        HttpResponse<String> openMetrics = client.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(openMetrics.headers().firstValue("Content-Type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(openMetrics.body()).contains("# TYPE hafs_exporter_build info").endsWith("# EOF\n");
        HttpResponse<String> protobuf = client.get("/metrics",
                "Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3");
        assertThat(protobuf.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
        assertThat(protobuf.body()).contains("hafs_generator_acceptance_ratio");
    }

    @Test
    void answersProbesMethodsAndUnknownPathsAsExportersDo() {
        Fixtures.copy("basic", dir);
        start(dir);

        assertThat(client.get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
        assertThat(client.get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(client.send("DELETE", "/").statusCode()).isEqualTo(405);
        HttpResponse<String> head = client.send("HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void theLandingPageShowsTheStatusOfEachFileAndTheCounts() throws Exception {
        Fixtures.copy("basic", dir);
        Files.delete(dir.resolve("training_feedback.json"));
        start(dir);

        HttpResponse<String> page = client.get("/");
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("HAFS Training Exporter", "href=\"metrics\"", "Sources: <b>2/9 loaded</b>", "Generators: <b>3</b>",
                        "Regions: <b>5</b>", "Completed runs: <b>–</b>", "<code>training_feedback.json</code></td><td class=\"missing\">missing");
    }

    @Test
    void anInPlaceRewriteShowsOnMetricsAndAHalfWrittenOneNeverDoes() {
        Fixtures.copy("basic", dir);
        start(dir);
        String original = Fixtures.text("basic", QUALITY);
        String next = original.replace("\"samples_accepted\": 425", "\"samples_accepted\": 430");

        HafsWriter writer = new HafsWriter(dir.resolve(QUALITY)).truncate().append(next.substring(0, next.length() / 3));
        await().during(Duration.ofMillis(300)).atMost(VISIBLE).until(() -> {
            Exposition scrape = client.scrape();
            return scrape.value("hafs_generator_samples_accepted_total{generator=\"unknown\"}").getAsDouble() == 425
                    && scrape.value("hafs_source_up{file=\"quality_feedback.json\"}").getAsDouble() == 1;
        });

        writer.append(next.substring(next.length() / 3));
        await().atMost(VISIBLE).until(() -> value("hafs_generator_samples_accepted_total{generator=\"unknown\"}") == 430);
        assertThat(value("hafs_source_load_failures_total{file=\"quality_feedback.json\",reason=\"parse\"}")).isZero();
    }

    @Test
    void aBrokenFileTurnsUpToZeroCountsTheFailureAndKeepsTheLastGoodSeries() {
        Fixtures.copy("basic", dir);
        start(dir);

        HafsWriter.write(dir.resolve(QUALITY), "{\"generator_stats\": {");
        await().atMost(VISIBLE).until(() -> value("hafs_source_up{file=\"quality_feedback.json\"}") == 0);
        Exposition scrape = client.scrape();
        assertThat(scrape.value("hafs_source_load_failures_total{file=\"quality_feedback.json\",reason=\"parse\"}")).hasValue(1);
        assertThat(scrape.value("hafs_source_present{file=\"quality_feedback.json\"}")).hasValue(1);
        assertThat(scrape.value("hafs_generator_samples_accepted_total{generator=\"unknown\"}")).hasValue(425);
    }

    @Test
    void aDeletedFileLosesItsSeriesAndARecreatedOneBringsThemBack() throws Exception {
        Fixtures.copy("basic", dir);
        start(dir);

        Files.delete(dir.resolve(QUALITY));
        await().atMost(VISIBLE).until(() -> value("hafs_source_up{file=\"quality_feedback.json\"}") == 0);
        Exposition gone = client.scrape();
        assertThat(gone.family("hafs_generator_samples_generated_total")).isEmpty();
        assertThat(gone.value("hafs_source_present{file=\"quality_feedback.json\"}")).hasValue(0);
        assertThat(gone.value("hafs_source_load_failures_total{file=\"quality_feedback.json\",reason=\"io\"}")).hasValue(0);

        HafsWriter.write(dir.resolve(QUALITY), Fixtures.text("basic", QUALITY));
        await().atMost(VISIBLE).until(() -> value("hafs_source_up{file=\"quality_feedback.json\"}") == 1);
        assertThat(value("hafs_generator_samples_generated_total{generator=\"unknown\"}")).isEqualTo(500);
    }

    @Test
    void aGeneratorRemovedFromTheFileDisappearsFromMetrics() {
        Fixtures.copy("basic", dir);
        start(dir);
        String withoutBaseline = """
                {"generator_stats": {"unknown": {"samples_generated": 10, "samples_accepted": 9, "samples_rejected": 1}}}
                """;

        HafsWriter.write(dir.resolve(QUALITY), withoutBaseline);
        await().atMost(VISIBLE).until(() -> value("hafs_generator_samples_generated_total{generator=\"unknown\"}") == 10);
        Exposition scrape = client.scrape();
        assertThat(scrape.family("hafs_generator_samples_generated_total")).containsOnlyKeys(
                "hafs_generator_samples_generated_total{generator=\"unknown\"}");
        assertThat(scrape.family("hafs_quality_threshold")).isEmpty();
        assertThat(scrape.value("hafs_generator_acceptance_ratio{generator=\"unknown\"}")).hasValue(0.9);
    }

    @Test
    void aDirectoryThatDoesNotExistYetIsPickedUpWhenItAppears() {
        Path later = dir.resolve("not-yet");
        start(later);

        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
        Exposition empty = client.scrape();
        assertThat(empty.family("hafs_source_up").values()).containsOnly(0.0).hasSize(Source.values().length);

        Fixtures.copy("basic", later);
        await().atMost(VISIBLE).until(() -> value("hafs_source_up{file=\"quality_feedback.json\"}") == 1
                && value("hafs_source_up{file=\"active_learning.json\"}") == 1 && value("hafs_source_up{file=\"training_feedback.json\"}") == 1);
        assertThat(value("hafs_embedding_regions")).isEqualTo(5);
    }

    @Test
    void aCustomTelemetryPathServesMetricsThereOnly() {
        Fixtures.copy("basic", dir);
        start(dir, "--web.telemetry-path=/hafs/metrics");

        assertThat(client.get("/hafs/metrics").body()).contains("hafs_source_up");
        assertThat(client.get("/metrics").statusCode()).isEqualTo(404);
    }
}
