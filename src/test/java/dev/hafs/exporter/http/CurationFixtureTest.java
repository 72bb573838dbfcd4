package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static fixture {@code src/test/resources/fixtures/curation/} that dashboards and integration
 * tests scrape: its files are exactly what {@link CurationFixture} writes with the test generator
 * (regenerate with {@code -Dfixture.update=true} and review the diff), and the exporter serves from
 * it what its Javadoc promises.
 */
class CurationFixtureTest {
    private static final Path FIXTURE = Fixtures.directory(CurationFixture.NAME);

    @TempDir
    Path generated;
    @TempDir
    Path served;
    private HafsTrainingExporter exporter;

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void theFixtureIsWhatTheGeneratorWrites() throws IOException {
        CurationFixture.write(generated);
        Map<String, String> expected = files(generated);
        if (Boolean.getBoolean("fixture.update")) {
            for (Map.Entry<String, String> file : expected.entrySet()) {
                Path target = FIXTURE.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        }

        // Files that are not HAFS's (notes and query tests of other suites) may sit beside them.
        Map<String, String> fixture = new TreeMap<>(files(FIXTURE));
        fixture.keySet().removeIf(name -> name.endsWith(".yml") || name.endsWith(".md"));
        assertThat(fixture).isEqualTo(expected);
    }

    @Test
    void theExporterServesWhatTheFixtureShows() {
        Fixtures.copy(CurationFixture.NAME, served);
        exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs("--training.dir=" + served, "--web.listen-address=127.0.0.1:0"));
        Exposition scrape = new ExporterClient(exporter.port()).scrape();

        assertThat(scrape.value("hafs_datasets")).hasValue(4);
        assertThat(scrape.value("hafs_source_records_skipped{file=\"datasets\"}")).hasValue(1);
        assertThat(scrape.value("hafs_source_records_capped{file=\"datasets\",kind=\"datasets\"}")).hasValue(0);
        assertThat(scrape.family("hafs_dataset_samples_final")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hafs_dataset_samples_final{dataset=\"pilot_190_20251222_090000\"}", 150.0,
                "hafs_dataset_samples_final{dataset=\"full_campaign_34500_20251221_140501\"}", 3173.0,
                "hafs_dataset_samples_final{dataset=\"pilot_500_20251221_120000_20251221_121501\"}", 500.0));
        assertThat(scrape.value("hafs_dataset_created_timestamp_seconds{dataset=\"pilot_500_20251221_120000_20251221_121501\"}"))
                .hasValue(epochSeconds(LocalDateTime.of(2025, 12, 21, 12, 15, 1)));
        assertThat(scrape.family("hafs_dataset_rejections")).hasSize(5);
        assertThat(scrape.value("hafs_pilot_quality_pass")).hasValue(1);
        assertThat(scrape.value("hafs_campaign_validation_approved")).hasValue(1);
        assertThat(scrape.value("hafs_campaign_progress")).hasValue(400);
        assertThat(scrape.value("hafs_campaign_progress_target")).hasValue(6900);
        assertThat(scrape.value("hafs_campaign_running")).hasValue(1);
        assertThat(scrape.value("hafs_campaign_process_up")).hasValue(0);
        assertThat(scrape.value("hafs_orchestrator_phase{phase=\"campaign_launched\"}")).hasValue(1);
        assertThat(scrape.family("hafs_source_up")).containsAllEntriesOf(Map.of(
                "hafs_source_up{file=\"datasets\"}", 1.0, "hafs_source_up{file=\"campaign_monitor_status.json\"}", 1.0,
                "hafs_source_up{file=\"training_feedback.json\"}", 0.0));
        assertThat(PythonJson.compact(CurationFixture.PILOT.created())).isEqualTo("20251222_090000");
    }

    private static double epochSeconds(LocalDateTime local) {
        return local.atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

}
