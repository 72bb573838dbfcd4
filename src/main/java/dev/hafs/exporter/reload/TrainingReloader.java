package dev.hafs.exporter.reload;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.read.FileStamp;
import dev.hafs.exporter.read.ReadResult;
import dev.hafs.exporter.read.SourceFile;
import dev.hafs.exporter.read.SourceReader;
import dev.hafs.exporter.read.SourceTooLargeException;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SnapshotAdmission;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Conducts read → parse → snapshot for one file at a time, on one thread, so snapshot swaps never
 * race. HAFS truncates and rewrites its files in place: a read that fails to parse is usually a
 * half-written file, so it is retried with backoff, and the last good content stays in force until
 * the file has stayed broken for {@code settleTime}. Only then is the failure counted and shown.
 */
public final class TrainingReloader implements AutoCloseable {
    private static final Log LOG = Log.of(TrainingReloader.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMillis(250);

    private final Path directory;
    private final SourceReader reader;
    private final Map<SourceFile, SourceParser> parsers;
    private final SnapshotStore store;
    private final SnapshotAdmission admission;
    private final Clock clock;
    private final Duration debounce;
    private final Duration settleTime;
    private final ScheduledExecutorService executor;
    private final EnumMap<SourceFile, FileProgress> progress = new EnumMap<>(SourceFile.class);

    /** Per-file bookkeeping, touched only on the reload thread. */
    private static final class FileProgress {
        ScheduledFuture<?> pending;
        Instant failingSince;
        Optional<FileStamp> lastStamp = Optional.empty();
    }

    public TrainingReloader(Path directory, SourceReader reader, Map<SourceFile, SourceParser> parsers,
            SnapshotStore store, SnapshotAdmission admission, Clock clock, Duration debounce, Duration settleTime) {
        this.directory = directory;
        this.reader = reader;
        this.parsers = Map.copyOf(parsers);
        this.store = store;
        this.admission = admission;
        this.clock = clock;
        this.debounce = debounce;
        this.settleTime = settleTime;
        for (SourceFile file : SourceFile.values()) {
            if (!parsers.containsKey(file)) {
                throw new IllegalArgumentException("no parser for " + file.fileName());
            }
            progress.put(file, new FileProgress());
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hafs-reload");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads every file once and marks the snapshot ready; files still being written retry afterwards. */
    public void initialScan(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            executor.submit(() -> {
                for (SourceFile file : SourceFile.values()) {
                    attempt(file);
                }
                store.update(TrainingSnapshot::withInitialScanComplete);
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the initial scan of " + directory + " failed", e.getCause());
        }
    }

    /** The watcher saw the file change; coalesces bursts of events into one read. */
    public void fileChanged(SourceFile file) {
        executor.execute(() -> schedule(file, debounce));
    }

    /** Re-reads every file whose stamp differs from the one last read: for missed or absent events. */
    public void rescan() {
        executor.execute(() -> {
            for (SourceFile file : SourceFile.values()) {
                Optional<FileStamp> now = reader.stamp(path(file));
                if (!now.equals(progress.get(file).lastStamp)) {
                    schedule(file, Duration.ZERO);
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void schedule(SourceFile file, Duration delay) {
        FileProgress state = progress.get(file);
        if (state.pending != null && !state.pending.isDone()) {
            if (state.pending.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return;
            }
            state.pending.cancel(false);
        }
        state.pending = executor.schedule(() -> attempt(file), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(SourceFile file) {
        FileProgress state = progress.get(file);
        state.pending = null;
        Path path = path(file);
        switch (reader.open(path)) {
            case ReadResult.Missing missing -> {
                state.lastStamp = Optional.empty();
                state.failingSince = null;
                apply(file, source -> new SourceState(source.status().missing(clock.instant()), Optional.empty()));
            }
            case ReadResult.Unreadable unreadable -> {
                state.lastStamp = reader.stamp(path);
                boolean tooLarge = unreadable.problem() == ReadResult.Problem.TOO_LARGE;
                failed(file, tooLarge ? FailureReason.TOO_LARGE : FailureReason.IO, unreadable.message(), !tooLarge);
            }
            case ReadResult.Opened opened -> {
                state.lastStamp = Optional.of(opened.stamp());
                parse(file, opened);
            }
        }
    }

    private void parse(SourceFile file, ReadResult.Opened opened) {
        ParseResult result;
        try (InputStream in = opened.content()) {
            result = parsers.get(file).parse(in);
        } catch (MalformedSourceException e) {
            boolean schema = e.kind() == MalformedSourceException.Kind.SCHEMA;
            failed(file, schema ? FailureReason.SCHEMA : FailureReason.PARSE, e.getMessage(), true);
            return;
        } catch (SourceTooLargeException e) {
            failed(file, FailureReason.TOO_LARGE, e.getMessage(), false);
            return;
        } catch (IOException e) {
            failed(file, FailureReason.IO, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
            return;
        } catch (RuntimeException e) {
            LOG.error("parser bug, keeping the last good content", "file", file.fileName(), "error", e.toString());
            failed(file, FailureReason.PARSE, "internal error: " + e, true);
            return;
        }
        // A file rewritten in place while it was read can parse as a splice of two versions.
        if (!reader.stamp(path(file)).equals(Optional.of(opened.stamp()))) {
            schedule(file, debounce);
            return;
        }
        Instant now = clock.instant();
        UnaryOperator<SourceState> load = source -> new SourceState(source.status().loaded(now, result.skippedRecords()),
                Optional.of(result.data()));
        // Only this thread swaps snapshots, so the candidate is what the swap below would publish.
        TrainingSnapshot current = store.current();
        Optional<String> refusal = admission.refusal(current.with(file, load.apply(current.source(file))));
        if (refusal.isPresent()) {
            failed(file, FailureReason.TOO_MANY_SERIES, refusal.get(), false);
            return;
        }
        progress.get(file).failingSince = null;
        apply(file, load);
    }

    private void failed(SourceFile file, FailureReason reason, String message, boolean mayBeTransient) {
        FileProgress state = progress.get(file);
        Instant now = clock.instant();
        if (mayBeTransient) {
            if (state.failingSince == null) {
                state.failingSince = now;
            }
            Duration failingFor = Duration.between(state.failingSince, now);
            if (failingFor.compareTo(settleTime) < 0) {
                LOG.debug("retrying a file that does not load yet", "file", file.fileName(),
                        "reason", reason.label(), "problem", message);
                schedule(file, clamp(failingFor));
                return;
            }
        }
        state.failingSince = null;
        apply(file, source -> new SourceState(source.status().failing(now, reason, message), source.data()));
    }

    private Duration clamp(Duration failingFor) {
        if (failingFor.compareTo(debounce) < 0) {
            return debounce;
        }
        return failingFor.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : failingFor;
    }

    private void apply(SourceFile file, UnaryOperator<SourceState> change) {
        SourceStatus before = store.current().source(file).status();
        TrainingSnapshot after = store.update(snapshot -> snapshot.with(file, change.apply(snapshot.source(file))));
        StateChangeLog.log(before, after.source(file));
    }

    private Path path(SourceFile file) {
        return directory.resolve(file.fileName());
    }
}
