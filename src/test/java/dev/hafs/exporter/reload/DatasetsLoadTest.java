package dev.hafs.exporter.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.parse.CappedKind;
import dev.hafs.exporter.parse.Dataset;
import dev.hafs.exporter.parse.Datasets;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import dev.hafs.exporter.testing.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The datasets directory through the real read → parse → snapshot stages, without the watch: each
 * change is announced the way the watch or the poll would.
 */
class DatasetsLoadTest {
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final LocalDateTime DAY = LocalDateTime.of(2025, 12, 1, 9, 0);

    @TempDir
    Path dir;
    @TempDir
    Path staging;
    private Pipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private HafsCuration.DatasetWriter dataset(int day) {
        return new HafsCuration(dir).dataset(HafsCuration.Dataset.of("curated", DAY.plusDays(day), 1000 + day, 500 + day));
    }

    private Datasets datasets() {
        return pipeline.snapshot().datasets().orElseThrow();
    }

    private SourceStatus status() {
        return pipeline.snapshot().source(Source.DATASETS).status();
    }

    private List<String> names() {
        return datasets().datasets().stream().map(Dataset::name).toList();
    }

    @Test
    void aFolderMissingItsStatsOrMetadataIsSkippedCountedAndPickedUpOnceWhole() {
        dataset(0).all();
        HafsCuration.DatasetWriter late = dataset(1).splits();
        pipeline = Pipeline.scanned(dir, RecordLimits.DEFAULTS);
        assertThat(datasets().found()).isEqualTo(2);
        assertThat(names()).containsExactly("curated_20251201_090000");
        assertThat(status().skippedRecords().count()).isEqualTo(1);
        assertThat(status().skippedRecords().firstMessages().getFirst())
                .isEqualTo("dataset \"curated_20251202_090000\": stats.json is missing (not written yet?)");

        late.stats();
        pipeline.reloader().rescan();
        await().atMost(WITHIN).until(() -> status().skippedRecords().firstMessages().getFirst().contains("metadata.json is missing"));

        late.metadata();
        pipeline.reloader().rescan();
        await().atMost(WITHIN).until(() -> names().size() == 2);
        assertThat(names()).containsExactly("curated_20251202_090000", "curated_20251201_090000");
        assertThat(status().skippedRecords().isEmpty()).isTrue();
        assertThat(status().health()).isEqualTo(SourceHealth.LOADED);
    }

    @Test
    void theLimitKeepsTheNewestByTheNamesTimestampAndCountsEveryFolder() {
        for (int day : new int[] {3, 0, 4, 1, 2}) {
            dataset(day).all();
        }
        HafsCuration writer = new HafsCuration(dir);
        writer.dataset(HafsCuration.Dataset.of("curated", DAY.plusDays(5), 10, 5)
                .inFolder("pilot_1000_20251201_090000_20251206_090000")).all();

        pipeline = Pipeline.scanned(dir, new RecordLimits(1000, 500, 2000, 3));

        assertThat(datasets().found()).isEqualTo(6);
        assertThat(names()).containsExactly("pilot_1000_20251201_090000_20251206_090000", "curated_20251205_090000",
                "curated_20251204_090000");
        assertThat(datasets().capped(CappedKind.DATASETS)).isEqualTo(3);
    }

    @Test
    void aRescanOfUnchangedFoldersServesNothingNewAndAChangeReReadsOnlyItsFolder() throws IOException {
        for (int day = 0; day < 20; day++) {
            dataset(day).all();
        }
        pipeline = Pipeline.scanned(dir, RecordLimits.DEFAULTS);
        TrainingSnapshot first = pipeline.snapshot();
        Datasets before = datasets();

        pipeline.reloader().rescan();
        pipeline.reloader().sourceChanged(Source.DATASETS);
        // Moved in whole: those two reads run on the reload thread meanwhile, and one that caught a
        // folder half-written would rightly swap in its skip, a load this test does not count.
        HafsCuration.DatasetWriter staged = new HafsCuration(staging).dataset(
                HafsCuration.Dataset.of("curated", DAY.plusDays(20), 1020, 520)).all();
        Files.move(staged.folder(), dir.resolve("datasets").resolve(staged.folder().getFileName()));
        pipeline.reloader().rescan();
        await().atMost(WITHIN).until(() -> datasets().found() == 21);

        // Two reads found nothing new; the third, one new folder: one load more in all.
        assertThat(status().loads()).isEqualTo(first.source(Source.DATASETS).status().loads() + 1);
        List<Dataset> after = datasets().datasets();
        assertThat(after.getFirst().name()).isEqualTo("curated_20251221_090000");
        for (int i = 0; i < before.datasets().size(); i++) {
            // The very objects of the first read: those folders were not parsed again.
            assertThat(after.get(i + 1)).isSameAs(before.datasets().get(i));
        }
    }

    @Test
    void aReloadReadsEveryFolderAgain() {
        dataset(0).all();
        pipeline = Pipeline.scanned(dir, RecordLimits.DEFAULTS);
        Dataset before = datasets().datasets().getFirst();

        pipeline.reloader().reloadAll();

        await().atMost(WITHIN).until(() -> status().loads() == 2);
        assertThat(datasets().datasets().getFirst()).isEqualTo(before).isNotSameAs(before);
    }

    @Test
    void aHalfWrittenStatsFileSkipsItsFolderUntilItIsWhole() {
        dataset(0).all();
        HafsCuration.DatasetWriter writing = dataset(1).splits();
        String stats = PythonJson.dumps(HafsCuration.Dataset.of("curated", DAY.plusDays(1), 1001, 501).stats());
        HafsWriter half = new HafsWriter(writing.folder().resolve("stats.json")).truncate().append(stats.substring(0, stats.length() / 2));
        writing.metadata();
        pipeline = Pipeline.scanned(dir, RecordLimits.DEFAULTS);

        assertThat(names()).containsExactly("curated_20251201_090000");
        assertThat(status().skippedRecords().firstMessages().getFirst()).startsWith("dataset \"curated_20251202_090000\": stats.json: ");
        assertThat(status().health()).isEqualTo(SourceHealth.LOADED);

        half.append(stats.substring(stats.length() / 2));
        pipeline.reloader().sourceChanged(Source.DATASETS);
        await().atMost(WITHIN).until(() -> names().size() == 2);
        assertThat(datasets().datasets().getFirst().samplesFinal()).contains(501.0);
    }

    @Test
    void aDatasetFileAboveItsLimitIsNotReadAndSkipsItsFolder() throws Exception {
        dataset(0).all();
        HafsCuration.DatasetWriter big = dataset(1).all();
        Files.writeString(big.folder().resolve("rejection_summary.json"), "{\"pad\": \"" + "x".repeat((int) RecordLimits.DATASET_FILE_BYTES) + "\"}");

        pipeline = Pipeline.scanned(dir, RecordLimits.DEFAULTS);

        assertThat(names()).containsExactly("curated_20251201_090000");
        assertThat(status().skippedRecords().firstMessages().getFirst())
                .contains("rejection_summary.json: it is").contains("above the limit of " + RecordLimits.DATASET_FILE_BYTES + " bytes");
    }

    @Test
    void aMissingDirectoryIsMissingAndAFileInItsPlaceFails() throws Exception {
        pipeline = Pipeline.scanned(dir, RecordLimits.DEFAULTS);
        assertThat(status().health()).isEqualTo(SourceHealth.MISSING);

        Files.writeString(dir.resolve("datasets"), "not a directory");
        pipeline.reloader().rescan();

        await().atMost(WITHIN).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.IO, 1L);
        assertThat(status().problem().orElseThrow()).isEqualTo("io: it is not a directory");
    }
}
