package dev.hafs.exporter.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload stage on real files rewritten in place, driven by change notices as the watcher sends them. */
class TrainingReloaderTest {
    private static final Source QUALITY = Source.QUALITY_FEEDBACK;

    @TempDir
    Path dir;
    private Pipeline pipeline;
    private Path qualityFile;
    private String original;

    @BeforeEach
    void loadFixture() {
        Fixtures.copy("basic", dir);
        qualityFile = dir.resolve(QUALITY.fileName());
        original = Fixtures.text("basic", QUALITY.fileName());
        pipeline = Pipeline.scanned(dir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private String withUnknownGenerated(int generated) {
        return original.replace("\"samples_generated\": 500", "\"samples_generated\": " + generated);
    }

    private double unknownGenerated() {
        QualityFeedback quality = pipeline.snapshot().qualityFeedback().orElseThrow();
        return quality.generators().stream().filter(g -> g.name().equals("unknown")).findFirst()
                .map(GeneratorStats::samplesGenerated).orElseThrow();
    }

    private SourceStatus status() {
        return pipeline.snapshot().source(QUALITY).status();
    }

    @Test
    void aHalfWrittenFileKeepsTheLastGoodContentUntilTheWriteCompletes() {
        // The production settle time: the 300 ms checked below must fit well inside it on a busy machine.
        pipeline.close();
        pipeline = new Pipeline(dir, Clock.systemUTC(), 1 << 20, Duration.ofSeconds(2));
        pipeline.initialScan();
        String next = withUnknownGenerated(600);
        HafsWriter writer = new HafsWriter(qualityFile).truncate().append(next.substring(0, next.length() / 2));
        pipeline.reloader().sourceChanged(QUALITY);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(
                () -> unknownGenerated() == 500 && status().health() == SourceHealth.LOADED);

        writer.append(next.substring(next.length() / 2));
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> unknownGenerated() == 600);
        assertThat(status().health()).isEqualTo(SourceHealth.LOADED);
        assertThat(status().loads()).isEqualTo(2);
        assertThat(status().totalFailures()).isZero();
    }

    @Test
    void aFileThatStaysBrokenIsCountedAsAParseFailureAndTheLastGoodContentStays() {
        new HafsWriter(qualityFile).truncate().append(original.substring(0, 200));
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.PARSE, 1L).containsEntry(FailureReason.IO, 0L);
        assertThat(status().problem().orElseThrow()).startsWith("parse: not valid JSON at line");
        assertThat(unknownGenerated()).isEqualTo(500);

        HafsWriter.write(qualityFile, withUnknownGenerated(700));
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.LOADED);
        assertThat(unknownGenerated()).isEqualTo(700);
        assertThat(status().failures()).containsEntry(FailureReason.PARSE, 1L);
    }

    @Test
    void validJsonOfTheWrongShapeIsASchemaFailure() {
        HafsWriter.write(qualityFile, "[\"not\", \"an\", \"object\"]");
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.SCHEMA, 1L).containsEntry(FailureReason.PARSE, 0L);
    }

    @Test
    void aFileAboveTheSizeLimitIsNotReadAndFailsAtOnceAsTooLarge() {
        try (Pipeline small = new Pipeline(dir, Clock.systemUTC(), 1024)) {
            small.initialScan();

            SourceStatus quality = small.snapshot().source(QUALITY).status();
            assertThat(quality.health()).isEqualTo(SourceHealth.FAILING);
            assertThat(quality.failures()).containsEntry(FailureReason.TOO_LARGE, 1L);
            assertThat(quality.problem().orElseThrow()).contains("above the limit of 1024 bytes");
            assertThat(small.snapshot().qualityFeedback()).isEmpty();
        }
    }

    @Test
    void aDeletedFileDropsItsDataAndARecreatedOneLoadsAgain() throws Exception {
        Files.delete(qualityFile);
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.MISSING);
        assertThat(pipeline.snapshot().qualityFeedback()).isEmpty();
        assertThat(status().totalFailures()).isZero();

        HafsWriter.write(qualityFile, withUnknownGenerated(42));
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.LOADED);
        assertThat(unknownGenerated()).isEqualTo(42);
    }

    @Test
    void countsThatGoDownAreTakenAsWritten() {
        HafsWriter.write(qualityFile, withUnknownGenerated(3));
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> unknownGenerated() == 3);
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsAnIoFailure() throws Exception {
        Files.delete(qualityFile);
        Files.createDirectory(qualityFile);
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.IO, 1L);
        assertThat(status().problem().orElseThrow()).isEqualTo("io: it is a directory, not a file");
    }

    @Test
    void aRescanReloadsOnlyFilesWhoseStampChanged() {
        long loadsBefore = pipeline.snapshot().source(Source.ACTIVE_LEARNING).status().loads();
        HafsWriter.write(qualityFile, withUnknownGenerated(800));
        pipeline.reloader().rescan();

        await().atMost(Duration.ofSeconds(5)).until(() -> unknownGenerated() == 800);
        assertThat(pipeline.snapshot().source(Source.ACTIVE_LEARNING).status().loads()).isEqualTo(loadsBefore);
    }
}
