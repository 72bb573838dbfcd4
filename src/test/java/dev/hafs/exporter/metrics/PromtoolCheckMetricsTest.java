package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus's own linter on a real scrape of the running exporter, process metrics included. */
class PromtoolCheckMetricsTest {
    private static final ExternalTool PROMTOOL = new ExternalTool("promtool", "apt-get install prometheus");

    @Test
    void promtoolFindsNoProblemInARealScrape() {
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + Fixtures.directory("basic"), "--web.listen-address=127.0.0.1:0"))) {
            String scrape = new ExporterClient(exporter.port()).get("/metrics").body();

            ExternalTool.Result lint = PROMTOOL.run(scrape, List.of("check", "metrics"));

            assertThat(scrape).contains("hafs_generator_samples_generated_total", "process_cpu_seconds_total");
            assertThat(lint.output()).isEmpty();
            assertThat(lint.exitCode()).isZero();
        }
    }
}
