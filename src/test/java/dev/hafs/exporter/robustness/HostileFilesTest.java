package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files on disk, through the real read and reload stages: each either loads, or keeps the
 * last good content and counts one failure with the right reason. Nothing hangs or escapes.
 */
class HostileFilesTest {
    private static final Source QUALITY = Source.QUALITY_FEEDBACK;
    private static final Duration SETTLE = Duration.ofMillis(150);

    @TempDir
    Path dir;
    private Pipeline pipeline;
    private Path file;

    @BeforeEach
    void loadGoodContent() {
        Fixtures.copy("basic", dir);
        file = dir.resolve(QUALITY.fileName());
        pipeline = new Pipeline(dir, Clock.systemUTC(), 1 << 20, SETTLE);
        pipeline.initialScan();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private SourceStatus status() {
        return pipeline.snapshot().source(QUALITY).status();
    }

    private void assertFailsKeepingLastGood(FailureReason reason) {
        pipeline.reloader().sourceChanged(QUALITY);
        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(reason, 1L);
        assertThat(status().totalFailures()).isEqualTo(1);
        assertThat(pipeline.snapshot().qualityFeedback().orElseThrow().generators()).extracting(GeneratorStats::name)
                .contains("unknown", "baseline");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] text = Fixtures.text("basic", QUALITY.fileName()).replace("425", "426").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(file, withBom);
        pipeline.reloader().sourceChanged(QUALITY);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().loads() == 2);
        assertThat(pipeline.snapshot().qualityFeedback().orElseThrow().generators().getFirst().samplesAccepted()).isEqualTo(426);
    }

    @Test
    void invalidUtf8IsAParseFailure() throws Exception {
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertFailsKeepingLastGood(FailureReason.PARSE);
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsAnIoFailure() throws Exception {
        Files.delete(file);
        Files.createDirectory(file);
        assertFailsKeepingLastGood(FailureReason.IO);
    }

    @Test
    void aFifoWhereTheFileShouldBeIsAnIoFailureAndDoesNotBlock() throws Exception {
        Files.delete(file);
        ExternalTool.Result mkfifo = ExternalTool.runProcess(List.of("mkfifo", file.toString()), null);
        assertThat(mkfifo.exitCode()).as(mkfifo.output()).isZero();

        assertFailsKeepingLastGood(FailureReason.IO);
        assertThat(status().problem()).hasValue("io: it is not a regular file");
    }

    @Test
    void aFileAboveTheLimitIsTooLarge() throws Exception {
        Files.writeString(file, "{\"pad\": \"" + "x".repeat(2 << 20) + "\"}");
        assertFailsKeepingLastGood(FailureReason.TOO_LARGE);
    }

    @Test
    void aFileThatGrowsWhileBeingReadLoadsOnceItStopsGrowing() throws Exception {
        HafsWriter.write(file, Fixtures.text("basic", QUALITY.fileName()).replace("425", "427"));
        AtomicBoolean growing = new AtomicBoolean(true);
        Thread grower = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 400; i++) {
                try {
                    Files.writeString(file, " ".repeat(512), StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                pipeline.reloader().sourceChanged(QUALITY);
            }
            growing.set(false);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !growing.get());
        grower.join();
        pipeline.reloader().sourceChanged(QUALITY);
        await().atMost(Duration.ofSeconds(5)).until(() -> status().health() == SourceHealth.LOADED
                && pipeline.snapshot().qualityFeedback().orElseThrow().generators().getFirst().samplesAccepted() == 427);
    }

    @Test
    void aTruncatedFileAtAnyOffsetKeepsTheLastGoodContent() {
        String text = Fixtures.text("basic", QUALITY.fileName());
        new HafsWriter(file).truncate().append(text.substring(0, text.length() * 3 / 7));
        assertFailsKeepingLastGood(FailureReason.PARSE);
    }
}
