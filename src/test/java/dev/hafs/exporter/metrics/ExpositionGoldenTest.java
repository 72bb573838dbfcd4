package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.Pipeline;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact exposition of the basic fixture directory, byte for byte, in the text and OpenMetrics
 * formats. Regenerate after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class ExpositionGoldenTest {
    private static final Instant LOADED_AT = Instant.parse("2026-01-02T03:04:05Z");

    @ParameterizedTest
    @CsvSource({
        "text/plain; version=0.0.4, basic.prom",
        "application/openmetrics-text; version=1.0.0, basic.openmetrics"
    })
    void basicFixtureExposesExactlyTheGoldenFile(String accept, String golden) throws Exception {
        String actual;
        try (Pipeline pipeline = Pipeline.scanned(Fixtures.directory("basic"), Clock.fixed(LOADED_AT, ZoneOffset.UTC))) {
            TrainingSnapshotCollector collector = new TrainingSnapshotCollector(pipeline.store(), new BuildInfo("1.2.3", "0123456789ab"));
            ExpositionFormatWriter writer = ExpositionFormats.init().findWriter(accept);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(out, collector.collect());
            actual = out.toString(StandardCharsets.UTF_8);
        }

        Path goldenFile = Path.of("src/test/resources/golden", golden);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(goldenFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(goldenFile, StandardCharsets.UTF_8));
    }
}
