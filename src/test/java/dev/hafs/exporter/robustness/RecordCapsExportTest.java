package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SkippedRecords;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsShape;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cap as a user sees it on /metrics: a file over the cap exports exactly the cap's worth of
 * series, and {@code hafs_source_records_capped{file,kind}} counts the rest. One exporter serves
 * all cases, each rewriting a file; the flags' caps are set low so the files stay small.
 */
@Tag("slow")
class RecordCapsExportTest {
    private static final int FLAG_LIMIT = 45;

    @TempDir
    static Path dir;
    private static HafsTrainingExporter exporter;
    private static ExporterClient client;

    @BeforeAll
    static void start() throws Exception {
        exporter = HafsTrainingExporter.start(ExporterConfig.parse(List.of("--training.dir=" + dir,
                "--web.listen-address=127.0.0.1:0", "--runs.limit=" + FLAG_LIMIT, "--generators.limit=" + FLAG_LIMIT,
                "--regions.limit=3", "--datasets.limit=" + FLAG_LIMIT), Map.of()));
        client = new ExporterClient(exporter.port());
    }

    @AfterAll
    static void stop() {
        exporter.close();
    }

    private static Arguments cap(HafsShape shape, String family, int exported, String kind, long capped) {
        return Arguments.of(shape, family, exported, kind, capped);
    }

    static Stream<Arguments> caps() {
        int perGenerator = RecordLimits.REJECTION_REASONS_PER_GENERATOR;
        int perRun = RecordLimits.EVAL_METRICS_PER_RUN;
        return Stream.of(
                cap(HafsShape.thresholds(RecordLimits.THRESHOLDS + 50), "hafs_quality_threshold", RecordLimits.THRESHOLDS,
                        "thresholds", 50),
                cap(HafsShape.generators(1, perGenerator + 30), "hafs_generator_rejections_total", perGenerator,
                        "rejection_reasons", 30),
                cap(HafsShape.generators(FLAG_LIMIT, perGenerator), "hafs_generator_rejections_total", RecordLimits.REJECTION_REASONS,
                        "rejection_reasons", (long) FLAG_LIMIT * perGenerator - RecordLimits.REJECTION_REASONS),
                cap(HafsShape.generators(FLAG_LIMIT + 5, 0), "hafs_generator_samples_generated_total", FLAG_LIMIT, "generators", 5),
                cap(HafsShape.history(RecordLimits.SCORE_SERIES + 200, RecordLimits.SCORE_SERIES + 200, 1),
                        "hafs_quality_score_latest", RecordLimits.SCORE_SERIES, "score_series", 200),
                cap(HafsShape.runs(1, perRun + 30), "hafs_training_run_eval_metric", perRun, "eval_metrics", 30),
                cap(HafsShape.runs(FLAG_LIMIT, perRun), "hafs_training_run_eval_metric", RecordLimits.EVAL_METRICS,
                        "eval_metrics", (long) FLAG_LIMIT * perRun - RecordLimits.EVAL_METRICS),
                cap(HafsShape.runs(FLAG_LIMIT + 5, 0), "hafs_training_run_final_loss", FLAG_LIMIT, "runs", 5),
                cap(HafsShape.domainEffectiveness(RecordLimits.DOMAIN_EFFECTIVENESS + 100), "hafs_training_domain_effectiveness",
                        RecordLimits.DOMAIN_EFFECTIVENESS, "domain_effectiveness", 100),
                cap(HafsShape.regions(6), "hafs_embedding_region_samples", 3, "regions", 3),
                cap(HafsShape.runDomains(1, RecordLimits.RUN_DOMAINS_PER_RUN + 20), "hafs_training_run_domain_samples",
                        RecordLimits.RUN_DOMAINS_PER_RUN, "run_domains", 20),
                cap(HafsShape.runDomains(FLAG_LIMIT, RecordLimits.RUN_DOMAINS_PER_RUN), "hafs_training_run_domain_samples",
                        RecordLimits.RUN_DOMAINS, "run_domains", (long) FLAG_LIMIT * RecordLimits.RUN_DOMAINS_PER_RUN - RecordLimits.RUN_DOMAINS),
                cap(HafsShape.thresholdEffectiveness(RecordLimits.THRESHOLD_EFFECTIVENESS + 30), "hafs_quality_threshold_effectiveness",
                        RecordLimits.THRESHOLD_EFFECTIVENESS, "threshold_effectiveness", 30),
                cap(HafsShape.validationChecks(RecordLimits.VALIDATION_CHECKS + 4), "hafs_campaign_validation_check",
                        RecordLimits.VALIDATION_CHECKS, "validation_checks", 4));
    }

    /**
     * The datasets directory: --datasets.limit keeps the newest folders, each dataset's maps keep their
     * first entries, and each map kind keeps a total over the kept datasets, newest first.
     */
    @Test
    void aDatasetsDirectoryOverItsCapsExportsTheCapsAndCountsTheRest() {
        HafsCuration hafs = new HafsCuration(dir);
        int perDataset = RecordLimits.DATASET_ENTRIES_PER_MAP;
        Map<String, Integer> domains = new LinkedHashMap<>();
        for (int i = 0; i < perDataset + 10; i++) {
            domains.put("domain-" + i, i + 1);
        }
        for (int day = 0; day < FLAG_LIMIT + 5; day++) {
            HafsCuration.Dataset base = HafsCuration.Dataset.of("curated", LocalDateTime.of(2025, 10, 1, 9, 0).plusDays(day), 100, 50);
            hafs.dataset(new HafsCuration.Dataset(base.folder(), base.name(), base.created(), 100, 60, 5, 0, 50, domains, 0.7, 60,
                    domains, domains)).all();
        }
        long kept = (long) FLAG_LIMIT * perDataset;
        long total = RecordLimits.DATASET_ENTRIES;

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Exposition scrape = client.scrape();
            assertThat(scrape.value("hafs_datasets")).hasValue(FLAG_LIMIT + 5);
            assertThat(scrape.family("hafs_dataset_samples_final")).hasSize(FLAG_LIMIT);
            assertThat(scrape.has("hafs_dataset_samples_final{dataset=\"curated_20251001_090000\"}")).isFalse();
            assertThat(scrape.value("hafs_source_records_capped{file=\"datasets\",kind=\"datasets\"}")).hasValue(5);
            for (String kind : List.of("dataset_domains", "dataset_rejection_reasons", "dataset_rejection_domains")) {
                assertThat(scrape.value("hafs_source_records_capped{file=\"datasets\",kind=\"" + kind + "\"}")).as(kind)
                        .hasValue(FLAG_LIMIT * 10L + kept - total);
            }
            assertThat(scrape.family("hafs_dataset_domain_samples_generated")).hasSize((int) total);
            assertThat(scrape.family("hafs_dataset_rejections")).hasSize((int) total);
            assertThat(scrape.family("hafs_dataset_domain_rejections")).hasSize((int) total);
        });
    }

    @ParameterizedTest
    @MethodSource("caps")
    void aFileOverTheCapExportsTheCapAndCountsTheRest(HafsShape shape, String family, int exported, String kind, long capped) {
        shape.writeTo(dir);
        String cappedSeries = "hafs_source_records_capped{file=\"" + shape.fileName() + "\",kind=\"" + kind + "\"}";

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Exposition scrape = client.scrape();
            assertThat(scrape.value(cappedSeries)).hasValue(capped);
            assertThat(scrape.family(family)).hasSize(exported);
        });
    }

    @Test
    void malformedRecordsAreAllCountedAndTheFirstHundredListed() {
        int records = SkippedRecords.MAX_MESSAGES + 150;
        HafsShape.wrongTypedGenerators(records).writeTo(dir);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.scrape()
                .value("hafs_source_records_skipped{file=\"quality_feedback.json\"}")).hasValue(records));
        String page = client.get("/").body();
        assertThat(page).contains("<summary>" + records + "</summary>")
                .contains("generator &quot;g0&quot;: is a string, expected an object")
                .contains("generator &quot;g99&quot;").doesNotContain("generator &quot;g100&quot;")
                .contains("and 150 more");
    }
}
