package dev.hafs.exporter.reload;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.read.FileStamp;
import dev.hafs.exporter.read.ReadResult;
import dev.hafs.exporter.read.SourceFile;
import dev.hafs.exporter.read.SourceReader;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SnapshotAdmission;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Conducts read → parse → snapshot for one file at a time, on one thread, so snapshot swaps never
 * race. HAFS truncates and rewrites its files in place: a read that fails to parse is usually a
 * half-written file, so it is retried with backoff, and the last good content stays in force until
 * the file has stayed broken for {@code settleTime}. Only then is the failure counted and shown.
 *
 * <p>Anything thrown while a file is read or parsed is a failed load of that file (see
 * {@link LoadFailure}); a file shown failing is tried again at every rescan, changed or not. Every
 * task on the reload thread is guarded, so one that throws cannot stop later ones; only when
 * {@value #FAILURES_BEFORE_GIVING_UP} tasks fail, outside reading and parsing, with no load completing
 * in between, does the stage report through {@code cannotGoOn} that it cannot go on.
 */
public final class TrainingReloader implements AutoCloseable {
    private static final Log LOG = Log.of(TrainingReloader.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMillis(250);
    static final int FAILURES_BEFORE_GIVING_UP = 5;

    private final Path directory;
    private final SourceReader reader;
    private final Map<SourceFile, SourceParser> parsers;
    private final SnapshotStore store;
    private final SnapshotAdmission admission;
    private final Clock clock;
    private final Duration debounce;
    private final Duration settleTime;
    private final Thread.UncaughtExceptionHandler cannotGoOn;
    private final ScheduledExecutorService executor;
    private final EnumMap<SourceFile, FileProgress> progress = new EnumMap<>(SourceFile.class);
    private volatile boolean closed;
    // Touched only on the reload thread.
    private int failuresInARow;

    /** Per-file bookkeeping, touched only on the reload thread. */
    private static final class FileProgress {
        ScheduledFuture<?> pending;
        Instant failingSince;
        Optional<FileStamp> lastStamp = Optional.empty();
        /** Whether the file is shown failing, and which version of it. */
        boolean shownFailing;
        Optional<FileStamp> shownFailingStamp = Optional.empty();
    }

    public TrainingReloader(Path directory, SourceReader reader, Map<SourceFile, SourceParser> parsers,
            SnapshotStore store, SnapshotAdmission admission, Clock clock, Duration debounce, Duration settleTime) {
        this(directory, reader, parsers, store, admission, clock, debounce, settleTime,
                (thread, error) -> LOG.error("the reload stage cannot go on", error));
    }

    public TrainingReloader(Path directory, SourceReader reader, Map<SourceFile, SourceParser> parsers,
            SnapshotStore store, SnapshotAdmission admission, Clock clock, Duration debounce, Duration settleTime,
            Thread.UncaughtExceptionHandler cannotGoOn) {
        this.directory = directory;
        this.reader = reader;
        this.parsers = Map.copyOf(parsers);
        this.store = store;
        this.admission = admission;
        this.clock = clock;
        this.debounce = debounce;
        this.settleTime = settleTime;
        this.cannotGoOn = cannotGoOn;
        for (SourceFile file : SourceFile.values()) {
            if (!parsers.containsKey(file)) {
                throw new IllegalArgumentException("no parser for " + file.fileName());
            }
            progress.put(file, new FileProgress());
        }
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hafs-reload");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    /**
     * Loads every file once and marks the snapshot ready. A file that fails is a failing source, not
     * a failed start; a scan slower than {@code timeout} goes on, and /-/ready says 503 until it ends.
     */
    public void initialScan(Duration timeout) throws InterruptedException {
        Future<?> scan = executor.submit(() -> {
            try {
                for (SourceFile file : SourceFile.values()) {
                    loadTask(file).run();
                }
            } finally {
                store.update(TrainingSnapshot::withInitialScanComplete);
            }
        });
        try {
            scan.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the first scan of the training directory takes long; /-/ready answers 503 until it is done",
                    "dir", directory, "waited", timeout);
        } catch (ExecutionException e) {
            LOG.error("the first scan of the training directory failed", e.getCause(), "dir", directory);
        }
    }

    /** The watcher saw the file change; coalesces bursts of events into one read. */
    public void fileChanged(SourceFile file) {
        submit("change of " + file.fileName(), () -> schedule(file, debounce));
    }

    /**
     * Re-reads every file whose stamp differs from the one last read (for missed or absent events),
     * and every file shown failing even when unchanged: what failed may pass now (memory freed,
     * permissions fixed on a parent directory).
     */
    public void rescan() {
        submit("rescan", () -> {
            for (SourceFile file : SourceFile.values()) {
                FileProgress state = progress.get(file);
                if (state.shownFailing || !reader.stamp(path(file)).equals(state.lastStamp)) {
                    schedule(file, Duration.ZERO);
                }
            }
        });
    }

    /** Re-reads every file whatever its stamp says, as an operator's SIGHUP asks. */
    public void reloadAll() {
        submit("reload of every file", () -> {
            for (SourceFile file : SourceFile.values()) {
                schedule(file, Duration.ZERO);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private void submit(String what, Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(guarded(what, task, false));
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    private void schedule(SourceFile file, Duration delay) {
        FileProgress state = progress.get(file);
        if (state.pending != null && !state.pending.isDone()) {
            if (state.pending.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return;
            }
            state.pending.cancel(false);
        }
        state.pending = executor.schedule(loadTask(file), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Runnable loadTask(SourceFile file) {
        return guarded("load of " + file.fileName(), () -> attempt(file), true);
    }

    /**
     * A task that cannot stop the reload thread or the tasks after it: a scheduled executor drops a
     * task's throwable into its future, where nobody would see it. Only a load that runs to its end
     * (loaded, failed or missing) shows that the stage still works; the small tasks in between
     * succeed even when every load breaks.
     */
    private Runnable guarded(String what, Runnable task, boolean isLoad) {
        return () -> {
            try {
                task.run();
                if (isLoad) {
                    failuresInARow = 0;
                }
            } catch (Throwable error) {
                failuresInARow++;
                try {
                    LOG.error("a reload task failed; the next ones still run", error, "task", what,
                            "failures_in_a_row", failuresInARow);
                } catch (Throwable logFailed) {
                    // Out of memory even for the log line: the count below still advances.
                }
                if (failuresInARow >= FAILURES_BEFORE_GIVING_UP) {
                    failuresInARow = 0;
                    cannotGoOn.uncaughtException(Thread.currentThread(), error);
                }
            }
        };
    }

    private void attempt(SourceFile file) {
        FileProgress state = progress.get(file);
        state.pending = null;
        Path path = path(file);
        ReadResult read;
        try {
            read = reader.open(path);
        } catch (Throwable error) {
            state.lastStamp = reader.stamp(path);
            failed(file, LoadFailure.ofRead(error));
            return;
        }
        switch (read) {
            case ReadResult.Missing missing -> {
                state.lastStamp = Optional.empty();
                state.failingSince = null;
                state.shownFailing = false;
                apply(file, source -> new SourceState(source.status().missing(clock.instant()), Optional.empty()));
            }
            case ReadResult.Unreadable unreadable -> {
                state.lastStamp = reader.stamp(path);
                boolean tooLarge = unreadable.problem() == ReadResult.Problem.TOO_LARGE;
                failed(file, new LoadFailure(tooLarge ? FailureReason.TOO_LARGE : FailureReason.IO, unreadable.message(), !tooLarge));
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
        } catch (Throwable error) {
            LOG.debug("the file did not parse", "file", file.fileName(), "error", error.toString());
            failed(file, LoadFailure.ofParse(error));
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
        Optional<String> refusal;
        try {
            // Only this thread swaps snapshots, so the candidate is what the swap below would publish.
            TrainingSnapshot current = store.current();
            refusal = admission.refusal(current.with(file, load.apply(current.source(file))));
        } catch (Throwable error) {
            failed(file, LoadFailure.ofParse(error));
            return;
        }
        if (refusal.isPresent()) {
            failed(file, new LoadFailure(FailureReason.TOO_MANY_SERIES, refusal.get(), false));
            return;
        }
        FileProgress state = progress.get(file);
        state.failingSince = null;
        state.shownFailing = false;
        apply(file, load);
    }

    private void failed(SourceFile file, LoadFailure failure) {
        FileProgress state = progress.get(file);
        Instant now = clock.instant();
        // A version already shown failing, tried again at a rescan, has settled long ago.
        boolean alreadyShown = state.shownFailing && state.shownFailingStamp.equals(state.lastStamp);
        if (failure.mayBeTransient() && !alreadyShown) {
            if (state.failingSince == null) {
                state.failingSince = now;
            }
            Duration failingFor = Duration.between(state.failingSince, now);
            if (failingFor.compareTo(settleTime) < 0) {
                LOG.debug("retrying a file that does not load yet", "file", file.fileName(),
                        "reason", failure.reason().label(), "problem", failure.message());
                schedule(file, clamp(failingFor));
                return;
            }
        }
        state.failingSince = null;
        state.shownFailing = true;
        state.shownFailingStamp = state.lastStamp;
        apply(file, source -> new SourceState(source.status().failing(now, failure.reason(), failure.message()), source.data()));
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
