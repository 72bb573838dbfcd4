package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.HafsWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 distinct run ids and 100,000 generator names over time (100 rewrites of 1,000 new ones
 * each): the series on /metrics stay within the limits, what was left out is counted, and the
 * heap does not grow with the names seen.
 */
@Tag("slow")
class CardinalityTest {
    private static final int REWRITES = 100;
    private static final int NEW_PER_REWRITE = 1000;

    @TempDir
    Path dir;

    private static String runs(int rewrite) {
        return IntStream.range(0, NEW_PER_REWRITE)
                .mapToObj(i -> "\"run-%d-%d\": {\"model_name\": \"m\", \"start_time\": \"2025-12-21T10:%02d:%02d\", \"final_loss\": 0.5, \"samples_count\": 10}"
                        .formatted(rewrite, i, i / 60 % 60, i % 60))
                .collect(Collectors.joining(",\n", "{\"training_runs\": {", "}}"));
    }

    private static String generators(int rewrite) {
        return IntStream.range(0, NEW_PER_REWRITE)
                .mapToObj(i -> "\"gen-%d-%d\": {\"samples_generated\": %d, \"samples_accepted\": %d, \"samples_rejected\": 0}"
                        .formatted(rewrite, i, i, i))
                .collect(Collectors.joining(",\n", "{\"generator_stats\": {", "}}"));
    }

    @Test
    void endlesslyNewNamesLeaveSeriesAndHeapBounded() {
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + dir,
                "--web.listen-address=127.0.0.1:0", "--runs.limit=100", "--generators.limit=50"))) {
            ExporterClient client = new ExporterClient(exporter.port());
            long heapAfterWarmUp = 0;
            int seriesAfterWarmUp = 0;
            for (int rewrite = 0; rewrite < REWRITES; rewrite++) {
                HafsWriter.write(dir.resolve("training_feedback.json"), runs(rewrite));
                HafsWriter.write(dir.resolve("quality_feedback.json"), generators(rewrite));
                String lastRun = "hafs_training_run_samples{model=\"m\",run=\"run-" + rewrite + "-999\"}";
                String lastGenerator = "hafs_generator_samples_generated_total{generator=\"gen-" + rewrite + "-999\"}";
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    Exposition scrape = client.scrape();
                    return scrape.has(lastRun) && scrape.has(lastGenerator);
                });
                Exposition scrape = client.scrape();
                assertThat(scrape.family("hafs_training_run_samples")).hasSize(100);
                assertThat(scrape.family("hafs_generator_samples_generated_total")).hasSize(50);
                if (rewrite == 10) {
                    heapAfterWarmUp = usedHeapAfterGc();
                    seriesAfterWarmUp = scrape.samples().size();
                }
                if (rewrite > 10) {
                    assertThat(scrape.samples().size()).isBetween(seriesAfterWarmUp - 20, seriesAfterWarmUp + 20);
                }
            }
            Exposition last = client.scrape();
            assertThat(last.value("hafs_source_records_capped{file=\"training_feedback.json\",kind=\"runs\"}")).hasValue(900);
            assertThat(last.value("hafs_source_records_capped{file=\"quality_feedback.json\",kind=\"generators\"}")).hasValue(950);
            assertThat(last.value("hafs_training_runs{state=\"completed\"}")).hasValue(1000);
            assertThat(usedHeapAfterGc()).as("heap after 100,000 names").isLessThan(heapAfterWarmUp + (24L << 20));
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
