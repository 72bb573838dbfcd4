package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus's own linter on a real scrape of the running exporter, process metrics included. */
class PromtoolCheckMetricsTest {
    private static final ExternalTool PROMTOOL = new ExternalTool("promtool", "apt-get install prometheus");

    @TempDir
    Path dir;

    @Test
    void promtoolFindsNoProblemInARealScrape() {
        // Every source: the three training files, the curation's status files and datasets.
        Fixtures.copy("basic", dir);
        Fixtures.copy(CurationFixture.NAME, dir);
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0"))) {
            String scrape = new ExporterClient(exporter.port()).get("/metrics").body();

            ExternalTool.Result lint = PROMTOOL.run(scrape, List.of("check", "metrics"));

            assertThat(scrape).contains("hafs_generator_samples_generated_total", "jvm_memory_used_bytes", "hafs_dataset_samples_final",
                    "hafs_campaign_process_up", "hafs_orchestrator_phase", "hafs_training_run_info");
            // The standard process metrics, under the names node_exporter's users already query.
            assertThat(scrape).containsPattern("(?m)^process_cpu_seconds_total [0-9.eE+-]+$")
                    .containsPattern("(?m)^process_resident_memory_bytes [0-9.eE+-]+$")
                    .containsPattern("(?m)^process_virtual_memory_bytes [0-9.eE+-]+$")
                    .containsPattern("(?m)^process_open_fds [0-9.eE+-]+$")
                    .containsPattern("(?m)^process_max_fds [0-9.eE+-]+$")
                    .containsPattern("(?m)^process_start_time_seconds [0-9.eE+-]+$")
                    .doesNotContain("process_files_");
            assertThat(lint.output()).isEmpty();
            assertThat(lint.exitCode()).isZero();
        }
    }
}
