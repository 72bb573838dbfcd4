package dev.hafs.exporter.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.testing.CapturedLog;
import dev.hafs.exporter.testing.HafsWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch thread against a listener that throws, Errors included: it logs, goes on, and still
 * reports later changes; a listener that throws every time makes it report that it cannot go on,
 * rather than spin or die unseen. The poll is an hour away, so only events count here.
 */
class TrainingDirectoryWatcherFailuresTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final List<Source> reported = new CopyOnWriteArrayList<>();
    private final List<Throwable> gaveUp = new CopyOnWriteArrayList<>();
    private final AtomicInteger throwsLeft = new AtomicInteger();
    private TrainingDirectoryWatcher watcher;
    private final CapturedLog log = CapturedLog.of(TrainingDirectoryWatcher.class);

    private final DirectoryListener listener = new DirectoryListener() {
        @Override
        public void sourceChanged(Source file) {
            if (throwsLeft.getAndDecrement() > 0) {
                throw new OutOfMemoryError("injected by the test");
            }
            reported.add(file);
        }

        @Override
        public void rescanNeeded() {
        }
    };

    @AfterEach
    void stop() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        log.close();
    }

    private void watch() throws Exception {
        watcher = new TrainingDirectoryWatcher(dir, Duration.ofHours(1), listener, TrainingDirectoryWatcher.Registration.INOTIFY,
                (thread, error) -> gaveUp.add(error));
        watcher.start();
    }

    @Test
    void aListenerThatThrowsAnErrorOnceIsLoggedAndLaterChangesStillArrive() throws Exception {
        watch();
        throwsLeft.set(1);

        HafsWriter.write(dir.resolve("quality_feedback.json"), "{}");
        await().atMost(WITHIN).until(() -> !log.linesWith("the directory watch failed").isEmpty());
        assertThat(log.linesWith("the directory watch failed").getFirst()).contains("level=error", "injected by the test");

        HafsWriter.write(dir.resolve("active_learning.json"), "{}");
        await().atMost(WITHIN).until(() -> reported.contains(Source.ACTIVE_LEARNING));
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void aListenerThatThrowsEveryTimeMakesTheWatchReportThatItCannotGoOn() throws Exception {
        watch();
        throwsLeft.set(Integer.MAX_VALUE);

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            HafsWriter.write(dir.resolve("quality_feedback.json"), "{}");
            return !gaveUp.isEmpty();
        });
        assertThat(gaveUp.getFirst()).isInstanceOf(OutOfMemoryError.class).hasMessage("injected by the test");
        assertThat(log.linesWith("the directory watch failed")).hasSize(TrainingDirectoryWatcher.FAILURES_BEFORE_GIVING_UP);
    }
}
