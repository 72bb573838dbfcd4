package dev.hafs.exporter.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.read.ProcessTable;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SnapshotAdmission;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.CapturedLog;
import dev.hafs.exporter.testing.FaultyParser;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a parse throws (out of memory, a stack overflow, a parser bug) is a failed load of that
 * file: counted with a reason, shown once in the log, the last good content kept, and tried again at
 * the next rescan even when the file did not change. The reload thread itself keeps going.
 */
class TrainingReloaderFailuresTest {
    private static final Source QUALITY = Source.QUALITY_FEEDBACK;
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private FaultyParser quality;
    private final FaultyClock clock = new FaultyClock();
    private final List<Throwable> gaveUp = new CopyOnWriteArrayList<>();
    private SnapshotStore store;
    private TrainingReloader reloader;
    private CapturedLog log;

    /** A clock the reload bookkeeping reads; when broken it throws, as any part of that bookkeeping might. */
    private static final class FaultyClock extends Clock {
        final AtomicInteger breaks = new AtomicInteger();

        @Override
        public Instant instant() {
            if (breaks.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                throw new IllegalStateException("clock broken for the test");
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void setUp() {
        Fixtures.copy("basic", dir);
        Map<Source, SourceParser> parsers = new EnumMap<>(SourceParsers.forEachFile(50, RecordLimits.DEFAULTS,
                new HafsTimestamps(ZoneOffset.UTC)));
        quality = new FaultyParser(parsers.get(QUALITY));
        parsers.put(QUALITY, quality);
        store = new SnapshotStore(TrainingSnapshot.initial(Instant.now()));
        reloader = new TrainingReloader(SourceLoads.of(dir, 1 << 20, parsers, new HafsTimestamps(ZoneOffset.UTC),
                RecordLimits.DEFAULTS.datasets(), Optional.of(new ProcessTable())), store, SnapshotAdmission.ANY, clock,
                Duration.ofMillis(20), SETTLE, (thread, error) -> gaveUp.add(error));
        log = CapturedLog.of(TrainingReloader.class);
    }

    @AfterEach
    void tearDown() {
        reloader.close();
        log.close();
    }

    private void initialScan() throws InterruptedException {
        reloader.initialScan(WITHIN);
    }

    private SourceStatus status() {
        return store.current().source(QUALITY).status();
    }

    private List<String> generators() {
        return store.current().qualityFeedback().orElseThrow().generators().stream().map(GeneratorStats::name).toList();
    }

    @Test
    void outOfMemoryWhileParsingIsAFailedLoadShownOnceAndRetriedAtTheNextRescanEvenUnchanged() throws Exception {
        initialScan();
        quality.fail(() -> new OutOfMemoryError("Java heap space"));
        reloader.sourceChanged(QUALITY);

        await().atMost(WITHIN).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.TOO_LARGE, 1L);
        assertThat(status().totalFailures()).isEqualTo(1);
        assertThat(status().problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("too_large: the heap ran out while parsing it (java.lang.OutOfMemoryError: Java heap space)"));
        assertThat(generators()).contains("unknown", "baseline");

        // The poll's rescan tries the unchanged file again; every failed try counts, the log says it once.
        reloader.rescan();
        await().atMost(WITHIN).until(() -> status().totalFailures() == 2);
        assertThat(log.linesWith("file does not load")).hasSize(1).first().asString()
                .contains("level=warn", "file=quality_feedback.json", "too_large");

        quality.heal();
        reloader.rescan();
        await().atMost(WITHIN).until(() -> status().health() == SourceHealth.LOADED);
        assertThat(status().loads()).isEqualTo(2);
        assertThat(log.linesWith("msg=loaded file=quality_feedback.json")).hasSize(2);
    }

    @Test
    void errorsCountAtOnceWhileAParserBugIsFirstRetriedLikeAHalfWrittenFile() throws Exception {
        initialScan();
        quality.fail(() -> new StackOverflowError());
        quality.calls().set(0);
        reloader.sourceChanged(QUALITY);

        await().atMost(WITHIN).until(() -> status().health() == SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.PARSE, 1L);
        assertThat(status().problem()).hasValue("parse: it is nested too deeply to parse (StackOverflowError)");
        assertThat(quality.calls().get()).as("an Error is not retried in a loop").isEqualTo(1);

        quality.fail(() -> new IllegalStateException("a parser bug"));
        quality.calls().set(0);
        HafsWriter.write(dir.resolve(QUALITY.fileName()), Fixtures.text("basic", QUALITY.fileName()) + " ");
        reloader.sourceChanged(QUALITY);

        await().atMost(WITHIN).until(() -> status().failures().get(FailureReason.PARSE) == 2);
        assertThat(status().problem()).hasValue("parse: internal error: java.lang.IllegalStateException: a parser bug");
        assertThat(quality.calls().get()).as("retried for the settle time first").isGreaterThan(1);
        assertThat(generators()).contains("unknown", "baseline");
    }

    @Test
    void aFileThatFailsAtTheFirstScanIsAFailingSourceNotAFailedStart() throws Exception {
        quality.fail(() -> new OutOfMemoryError("Java heap space"));

        initialScan();

        assertThat(store.current().initialScanComplete()).isTrue();
        assertThat(status().health()).isEqualTo(SourceHealth.FAILING);
        assertThat(status().failures()).containsEntry(FailureReason.TOO_LARGE, 1L);
        assertThat(store.current().qualityFeedback()).isEmpty();
        assertThat(store.current().source(Source.ACTIVE_LEARNING).status().health()).isEqualTo(SourceHealth.LOADED);

        quality.heal();
        reloader.rescan();
        await().atMost(WITHIN).until(() -> status().health() == SourceHealth.LOADED);
        assertThat(generators()).contains("unknown");
    }

    @Test
    void aReloadTaskThatThrowsIsLoggedAndTheNextOnesStillRun() throws Exception {
        initialScan();
        clock.breaks.set(1);
        reloader.sourceChanged(QUALITY);

        await().atMost(WITHIN).until(() -> !log.linesWith("a reload task failed").isEmpty());
        assertThat(log.linesWith("a reload task failed").getFirst())
                .contains("level=error", "task=\"load of quality_feedback.json\"", "clock broken for the test");

        HafsWriter.write(dir.resolve(QUALITY.fileName()),
                Fixtures.text("basic", QUALITY.fileName()).replace("\"samples_accepted\": 425", "\"samples_accepted\": 426"));
        reloader.sourceChanged(QUALITY);
        await().atMost(WITHIN).until(() -> status().loads() == 2);
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void loadsThatFailAgainAndAgainReportThatTheStageCannotGoOn() throws Exception {
        initialScan();
        clock.breaks.set(Integer.MAX_VALUE);

        // Each reload breaks all three loads; the stage gives up after a few in a row.
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            reloader.reloadAll();
            return !gaveUp.isEmpty();
        });
        assertThat(gaveUp.getFirst()).hasMessage("clock broken for the test");
        assertThat(log.linesWith("a reload task failed")).hasSizeGreaterThanOrEqualTo(TrainingReloader.FAILURES_BEFORE_GIVING_UP);
    }
}
