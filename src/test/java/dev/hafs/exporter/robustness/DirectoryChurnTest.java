package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Pipeline;
import dev.hafs.exporter.watch.DirectoryListener;
import dev.hafs.exporter.watch.TrainingDirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory changes under the exporter the ways users' setups change it; each case recovers
 * by itself through the real watcher. The poll interval is an hour, so recovery comes from events,
 * or from the one-second look for a missing or unwatchable directory. ln -sfn links are relative,
 * as deploy tools make them.
 */
@Tag("slow")
class DirectoryChurnTest {
    private static final Duration RECOVERS = Duration.ofSeconds(10);

    @TempDir
    Path root;
    private Pipeline pipeline;
    private TrainingDirectoryWatcher watcher;

    private void watch(Path dir, TrainingDirectoryWatcher.Registration registration) throws IOException {
        pipeline = new Pipeline(dir, Clock.systemUTC(), 1 << 20, Duration.ofMillis(300));
        watcher = new TrainingDirectoryWatcher(dir, Duration.ofHours(1), new DirectoryListener() {
            @Override
            public void sourceChanged(Source file) {
                pipeline.reloader().sourceChanged(file);
            }

            @Override
            public void rescanNeeded() {
                pipeline.reloader().rescan();
            }
        }, registration);
        watcher.start();
        pipeline.initialScan();
    }

    @AfterEach
    void stop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private double accepted() {
        return pipeline.snapshot().qualityFeedback().map(q -> q.generators().stream()
                .filter(g -> g.name().equals("unknown")).findFirst().map(GeneratorStats::samplesAccepted).orElse(-1.0))
                .orElse(-1.0);
    }

    private static String quality(int accepted) {
        return Fixtures.text("basic", "quality_feedback.json").replace("\"samples_accepted\": 425", "\"samples_accepted\": " + accepted);
    }

    @Test
    void aFileRenamedOverByAnAtomicWriterIsReloaded() throws Exception {
        Fixtures.copy("basic", root);
        watch(root, TrainingDirectoryWatcher.Registration.INOTIFY);

        Path temporary = root.resolve(".quality_feedback.json.tmp");
        Files.writeString(temporary, quality(500));
        Files.move(temporary, root.resolve("quality_feedback.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        await().atMost(RECOVERS).until(() -> accepted() == 500);
    }

    @Test
    void aDirectoryDeletedAndRecreatedIsWatchedAgain() throws Exception {
        Path dir = root.resolve("training");
        Fixtures.copy("basic", dir);
        watch(dir, TrainingDirectoryWatcher.Registration.INOTIFY);

        deleteTree(dir);
        await().atMost(RECOVERS).until(() -> pipeline.snapshot().source(Source.QUALITY_FEEDBACK).status().health()
                == SourceHealth.MISSING);

        Files.createDirectory(dir);
        HafsWriter.write(dir.resolve("quality_feedback.json"), quality(501));
        await().atMost(RECOVERS).until(() -> accepted() == 501);

        HafsWriter.write(dir.resolve("quality_feedback.json"), quality(502));
        await().atMost(RECOVERS).until(() -> accepted() == 502);
    }

    @Test
    void aConfigMapStyleDataSymlinkSwapIsPickedUp() throws Exception {
        Path first = root.resolve("..2026_01_01");
        Fixtures.copy("basic", first);
        Files.createSymbolicLink(root.resolve("..data"), first.getFileName());
        for (Source file : Source.values()) {
            Files.createSymbolicLink(root.resolve(file.fileName()), Path.of("..data", file.fileName()));
        }
        watch(root, TrainingDirectoryWatcher.Registration.INOTIFY);
        assertThat(accepted()).isEqualTo(425);

        Path second = root.resolve("..2026_01_02");
        Fixtures.copy("basic", second);
        Files.writeString(second.resolve("quality_feedback.json"), quality(503));
        Files.createSymbolicLink(root.resolve("..data_tmp"), second.getFileName());
        Files.move(root.resolve("..data_tmp"), root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        deleteTree(first);

        await().atMost(RECOVERS).until(() -> accepted() == 503);
    }

    @Test
    void aSymlinkedDirectorySwitchedToAnotherTargetIsFollowedByTheWatch() throws Exception {
        Path first = root.resolve("releases/1");
        Path second = root.resolve("releases/2");
        Fixtures.copy("basic", first);
        Fixtures.copy("basic", second);
        Files.writeString(second.resolve("quality_feedback.json"), quality(505));
        Path training = root.resolve("training");
        Files.createSymbolicLink(training, Path.of("releases/1"));
        watch(training, TrainingDirectoryWatcher.Registration.INOTIFY);
        assertThat(accepted()).isEqualTo(425);

        // As deploy tools switch releases; the poll is an hour away, so only the watch can see it.
        ExternalTool.Result ln = ExternalTool.runProcess(List.of("ln", "-sfn", "releases/2", training.toString()), null);
        assertThat(ln.exitCode()).as(ln.output()).isZero();
        await().atMost(RECOVERS).until(() -> accepted() == 505);

        // The watch moved to the new target: a write there shows, one in the old target does not matter.
        HafsWriter.write(second.resolve("quality_feedback.json"), quality(506));
        await().atMost(RECOVERS).until(() -> accepted() == 506);
    }

    @Test
    void whenTheDirectoryCannotBeWatchedChangesArriveByPolling() throws Exception {
        Fixtures.copy("basic", root);
        watch(root, (dir, service) -> {
            throw new IOException("User limit of inotify instances reached or too many open files");
        });
        assertThat(accepted()).isEqualTo(425);

        HafsWriter.write(root.resolve("quality_feedback.json"), quality(504));

        await().atMost(RECOVERS).until(() -> accepted() == 504);
    }

    @Test
    void aDirectoryThatDoesNotExistYetIsPickedUpWhenCreated() throws Exception {
        Path dir = root.resolve("later");
        watch(dir, TrainingDirectoryWatcher.Registration.INOTIFY);
        assertThat(pipeline.snapshot().initialScanComplete()).isTrue();

        Fixtures.copy("basic", dir);

        await().atMost(RECOVERS).until(() -> accepted() == 425);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
