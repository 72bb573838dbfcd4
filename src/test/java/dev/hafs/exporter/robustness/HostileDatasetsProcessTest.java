package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExporterProcess;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.HafsCuration;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile datasets directory against the exporter as users run it (its own process, the README's
 * JVM options: 64 MiB of heap, exit on out of memory): 100,000 folders, the newest of which hold
 * files at the dataset-file size limit, packed with domains, and one whose stats.json is larger than
 * that limit. Memory follows --datasets.limit and the caps, not the directory: the process stays up
 * and healthy, counts every folder, serves the newest ones within their caps, and still sees a new
 * folder through its watch.
 */
@Tag("slow")
class HostileDatasetsProcessTest {
    private static final int FOLDERS = 100_000;
    private static final Duration WITHIN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void aHundredThousandFoldersAndFilesAtTheLimitCostTheCapsNotTheDirectory() throws IOException {
        Path datasets = dir.resolve("training").resolve("datasets");
        Files.createDirectories(datasets);
        for (int i = 0; i < FOLDERS; i++) {
            Files.createDirectory(datasets.resolve("old_%06d_20240101_000000".formatted(i)));
        }
        HafsCuration hafs = new HafsCuration(dir.resolve("training"));
        LocalDateTime day = LocalDateTime.of(2025, 6, 1, 0, 0);
        int newest = RecordLimits.DEFAULTS.datasets();
        for (int i = 0; i < newest; i++) {
            Path folder = hafs.dataset(HafsCuration.Dataset.of("packed", day.plusHours(i), 100, 50)).splits().metadata().folder();
            writePackedStats(folder.resolve("stats.json"), (int) (RecordLimits.DATASET_FILE_BYTES / 40));
        }
        Path oversized = hafs.dataset(HafsCuration.Dataset.of("oversized", day.plusYears(1), 100, 50)).splits().metadata().folder();
        writePackedStats(oversized.resolve("stats.json"), (int) (RecordLimits.DATASET_FILE_BYTES / 10));
        assertThat(Files.size(oversized.resolve("stats.json"))).isGreaterThan(RecordLimits.DATASET_FILE_BYTES);

        try (ExporterProcess exporter = ExporterProcess.command(ExporterProcess.readmeJvmOptions(), dir,
                "--training.dir=" + dir.resolve("training"), "--web.listen-address=127.0.0.1:0", "--watch.poll-interval=1h")) {
            ExporterClient client = exporter.client();
            await().atMost(WITHIN).until(() -> client.get("/-/ready").statusCode() == 200);
            Exposition scrape = client.scrape();

            assertThat(scrape.value("hafs_source_up{file=\"datasets\"}")).hasValue(1);
            assertThat(scrape.value("hafs_datasets")).hasValue(FOLDERS + newest + 1);
            // The oversized folder is the newest and takes a place among the newest 100: the oldest packed one is left out.
            assertThat(scrape.value("hafs_source_records_capped{file=\"datasets\",kind=\"datasets\"}")).hasValue(FOLDERS + 1);
            assertThat(scrape.value("hafs_source_records_skipped{file=\"datasets\"}")).hasValue(1);
            assertThat(scrape.family("hafs_dataset_samples_final")).hasSize(newest - 1);
            assertThat(scrape.family("hafs_dataset_domain_samples_generated")).hasSize(RecordLimits.DATASET_ENTRIES);
            assertThat(client.get("/").body()).contains("dataset &quot;oversized_20260601_000000&quot;: stats.json: it is")
                    .contains("above the limit of " + RecordLimits.DATASET_FILE_BYTES + " bytes (the limit of a dataset&#39;s files)");

            hafs.dataset(HafsCuration.Dataset.of("fresh", day.plusYears(2), 100, 42)).all();
            await().atMost(WITHIN).until(() -> client.scrape().value("hafs_dataset_samples_final{dataset=\"fresh_20270601_000000\"}")
                    .orElse(-1) == 42);
            assertThat(exporter.alive()).isTrue();
            assertThat(client.get("/-/healthy").statusCode()).isEqualTo(200);
            assertThat(client.scrape().value("hafs_datasets")).hasValue(FOLDERS + newest + 2);
        }
    }

    /** stats.json with {@code domains} entries in domain_counts, the way HAFS writes it. */
    private static void writePackedStats(Path file, int domains) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\n  \"total_generated\": 100,\n  \"final_count\": 50,\n  \"domain_counts\": {");
            for (int i = 0; i < domains; i++) {
                out.write((i == 0 ? "\n    " : ",\n    ") + "\"domain-%08d\": %d".formatted(i, i));
            }
            out.write("\n  }\n}");
        }
    }
}
