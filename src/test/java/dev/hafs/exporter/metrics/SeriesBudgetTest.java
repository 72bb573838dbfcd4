package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series budget (--series.limit): the basic fixture puts 177 HAFS series on /metrics; a quality
 * file with 150 more generators (about 600 more series) is over a budget of 300 and is refused
 * before it is swapped in, its last good content kept, the failure counted and explained; the
 * fixed file loads again.
 */
class SeriesBudgetTest {
    private static final String QUALITY = "quality_feedback.json";
    private static final String UP = "hafs_source_up{file=\"quality_feedback.json\"}";
    private static final String REFUSED = "hafs_source_load_failures_total{file=\"quality_feedback.json\",reason=\"too_many_series\"}";
    private static final String KEPT = "hafs_generator_samples_accepted_total{generator=\"unknown\"}";
    private static final Duration VISIBLE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** The basic quality file with {@code extra} more generators, each with a rejection reason. */
    private static String qualityWithExtraGenerators(int extra) {
        String generators = IntStream.range(0, extra)
                .mapToObj(i -> "\"extra-%d\": {\"samples_generated\": 10, \"samples_accepted\": 5, \"samples_rejected\": 5, \"rejection_reasons\": {\"duplicate\": 5}}"
                        .formatted(i))
                .collect(Collectors.joining(",\n"));
        return Fixtures.text("basic", QUALITY).replaceFirst("\"generator_stats\": \\{", "\"generator_stats\": {\n" + generators + ",");
    }

    @Test
    void aFileOverTheBudgetKeepsItsLastGoodSeriesAndAFixedFileLoadsAgain() {
        Fixtures.copy("basic", dir);
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + dir,
                "--web.listen-address=127.0.0.1:0", "--watch.poll-interval=1h", "--series.limit=300"))) {
            ExporterClient client = new ExporterClient(exporter.port());
            assertThat(client.scrape().value(UP)).hasValue(1);

            HafsWriter.write(dir.resolve(QUALITY), qualityWithExtraGenerators(150));
            await().atMost(VISIBLE).until(() -> client.scrape().value(UP).orElse(-1) == 0);
            Exposition refused = client.scrape();
            assertThat(refused.value(REFUSED)).hasValue(1);
            assertThat(refused.value(KEPT)).as("the last good content stays").hasValue(425);
            assertThat(refused.text()).doesNotContain("extra-");
            assertThat(refused.samples().keySet().stream().filter(series -> series.startsWith("hafs_"))).hasSizeLessThanOrEqualTo(300);
            assertThat(client.get("/").body()).contains("too_many_series: quality_feedback.json would put", "--series.limit=300",
                    "raise --series.limit");

            HafsWriter.write(dir.resolve(QUALITY), qualityWithExtraGenerators(10));
            await().atMost(VISIBLE).until(() -> client.scrape().value(UP).orElse(-1) == 1);
            Exposition fixed = client.scrape();
            assertThat(fixed.value("hafs_generator_samples_accepted_total{generator=\"extra-9\"}")).hasValue(5);
            assertThat(fixed.value(REFUSED)).hasValue(1);
            assertThat(fixed.value("hafs_source_loads_total{file=\"quality_feedback.json\"}")).hasValue(2);
        }
    }

    /** The datasets directory is one source under the same budget: a flood of folders is refused as a whole. */
    @Test
    void aDatasetsDirectoryOverTheBudgetKeepsItsLastGoodDatasetsAndLoadsAgainOnceFixed() throws Exception {
        Fixtures.copy("basic", dir);
        HafsCuration hafs = new HafsCuration(dir);
        LocalDateTime day = LocalDateTime.of(2025, 12, 1, 9, 0);
        hafs.dataset(HafsCuration.Dataset.of("kept", day, 100, 50)).all();
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + dir,
                "--web.listen-address=127.0.0.1:0", "--watch.poll-interval=1h", "--series.limit=300"))) {
            ExporterClient client = new ExporterClient(exporter.port());
            String up = "hafs_source_up{file=\"datasets\"}";
            String kept = "hafs_dataset_samples_final{dataset=\"kept_20251201_090000\"}";
            assertThat(client.scrape().value(up)).hasValue(1);
            assertThat(client.scrape().value(kept)).hasValue(50);

            List<Path> flood = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                flood.add(hafs.dataset(HafsCuration.Dataset.of("flood", day.plusDays(i), 100, 50)).all().folder());
            }
            await().atMost(VISIBLE).until(() -> client.scrape().value(up).orElse(-1) == 0);
            Exposition refused = client.scrape();
            // Each version of the directory refused counts: the folders arrived over a few reads.
            assertThat(refused.value("hafs_source_load_failures_total{file=\"datasets\",reason=\"too_many_series\"}").orElseThrow())
                    .isGreaterThanOrEqualTo(1);
            assertThat(refused.value(kept)).as("the last good datasets stay").hasValue(50);
            // A read may have caught the first few folders, which fit; the version that did not fit is not served.
            double found = refused.value("hafs_datasets").orElseThrow();
            assertThat(found).isLessThan(41);
            assertThat(refused.text().lines().filter(line -> line.startsWith("hafs_dataset_samples_final{dataset=\"flood_")))
                    .as("flood datasets served (a folder caught half-written is found, not served)").hasSizeLessThanOrEqualTo((int) found - 1);
            assertThat(client.get("/").body()).contains("too_many_series: datasets would put");

            for (Path folder : flood) {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(folder);
            }
            await().atMost(VISIBLE).until(() -> client.scrape().value(up).orElse(-1) == 1);
            Exposition fixed = client.scrape();
            assertThat(fixed.value(kept)).hasValue(50);
            assertThat(fixed.value("hafs_datasets")).hasValue(1);
            assertThat(fixed.text()).doesNotContain("flood_");
        }
    }

    @Test
    void aFileOverTheBudgetAtStartIsAFailingSourceNotAFailedStart() {
        Fixtures.copy("basic", dir);
        HafsWriter.write(dir.resolve(QUALITY), qualityWithExtraGenerators(150));
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + dir,
                "--web.listen-address=127.0.0.1:0", "--watch.poll-interval=1h", "--series.limit=300"))) {
            Exposition scrape = new ExporterClient(exporter.port()).scrape();

            assertThat(scrape.value(UP)).hasValue(0);
            assertThat(scrape.value(REFUSED)).hasValue(1);
            assertThat(scrape.value("hafs_source_up{file=\"active_learning.json\"}")).hasValue(1);
            assertThat(scrape.has(KEPT)).isFalse();
        }
    }

    @Test
    void theRefusalNamesTheFileItsSeriesTheLimitAndTheFlag() {
        Fixtures.copy("basic", dir);
        HafsWriter.write(dir.resolve(QUALITY), qualityWithExtraGenerators(150));
        SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(Clock.systemUTC().instant()));
        TrainingSnapshotCollector collector = new TrainingSnapshotCollector(store, new BuildInfo("1", "r"));
        try (Pipeline pipeline = new Pipeline(store, dir, Clock.systemUTC(), 1 << 20, Pipeline.SETTLE_TIME,
                new SeriesBudget(collector, 300))) {
            pipeline.initialScan();

            SourceStatus quality = store.current().source(Source.QUALITY_FEEDBACK).status();
            assertThat(quality.health()).isEqualTo(SourceHealth.FAILING);
            assertThat(quality.failures().get(FailureReason.TOO_MANY_SERIES)).isEqualTo(1);
            assertThat(quality.problem()).hasValueSatisfying(problem -> assertThat(problem).matches(
                    "too_many_series: quality_feedback\\.json would put \\d+ series on /metrics \\(\\d+ HAFS series in all\\),"
                            + " more than --series\\.limit=300; raise --series\\.limit to serve it"));
        }
    }

    @Test
    void anAdmittedFileIsTranslatedOnceByTheReloadAndServedAsItIs() {
        SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(Clock.systemUTC().instant()));
        TrainingSnapshotCollector collector = new TrainingSnapshotCollector(store, new BuildInfo("1", "r"));
        try (Pipeline pipeline = new Pipeline(store, Fixtures.directory("basic"), Clock.systemUTC(), 1 << 20,
                Pipeline.SETTLE_TIME, new SeriesBudget(collector, 20_000))) {
            pipeline.initialScan();

            TrainingSnapshotCollector.Translation admitted = collector.translate(store.current());
            assertThat(admitted.translatedNow()).as("every loaded file was translated when it was admitted").isEmpty();
            MetricSnapshot thresholds = admitted.files().get(Source.QUALITY_FEEDBACK).families().stream()
                    .filter(family -> family.getMetadata().getName().equals("hafs_quality_threshold")).findFirst().orElseThrow();
            assertThat(collector.collect().stream()).as("a scrape serves the admitted translation itself").containsOnlyOnce(thresholds);
        }
    }
}
