package dev.hafs.exporter.reload;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.CampaignProcess;
import dev.hafs.exporter.snapshot.FailureReason;
import dev.hafs.exporter.snapshot.SnapshotAdmission;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Conducts read → parse → snapshot for one source at a time, on one thread, so snapshot swaps never
 * race. HAFS truncates and rewrites its files in place: a read that fails to parse is usually a
 * half-written file, so it is retried with backoff, and the last good content stays in force until
 * the source has stayed broken for {@code settleTime}. Only then is the failure counted and shown.
 * After the loads of a rescan, and whenever campaign_status.json loads, it checks the campaign's
 * process ({@link CampaignProcessCheck}), so a process that dies shows within one poll interval.
 *
 * <p>Anything thrown while a source is read or parsed is a failed load of that source (see
 * {@link LoadFailure}); a source shown failing is tried again at every rescan, changed or not. Every
 * task on the reload thread is guarded, so one that throws cannot stop later ones; only when
 * {@value #FAILURES_BEFORE_GIVING_UP} tasks fail, outside reading and parsing, with no load completing
 * in between, does the stage report through {@code cannotGoOn} that it cannot go on.
 */
public final class TrainingReloader implements AutoCloseable {
    private static final Log LOG = Log.of(TrainingReloader.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMillis(250);
    static final int FAILURES_BEFORE_GIVING_UP = 5;

    private final SourceLoads loads;
    private final SnapshotStore store;
    private final SnapshotAdmission admission;
    private final Clock clock;
    private final Duration debounce;
    private final Duration settleTime;
    private final Thread.UncaughtExceptionHandler cannotGoOn;
    private final ScheduledExecutorService executor;
    private final EnumMap<Source, SourceProgress> progress = new EnumMap<>(Source.class);
    /** A rescan is queued and has not started: more requests (a burst of events) join it. */
    private final AtomicBoolean rescanQueued = new AtomicBoolean();
    private volatile boolean closed;
    // Touched only on the reload thread.
    private int failuresInARow;

    /** Per-source bookkeeping, touched only on the reload thread. */
    private static final class SourceProgress {
        ScheduledFuture<?> pending;
        Instant failingSince;
        Optional<Object> lastStamp = Optional.empty();
        /** The next load re-reads everything (SIGHUP). */
        boolean force;
        /** Whether the source is shown failing, and which version of it. */
        boolean shownFailing;
        Optional<Object> shownFailingStamp = Optional.empty();
    }

    public TrainingReloader(SourceLoads loads, SnapshotStore store, SnapshotAdmission admission, Clock clock,
            Duration debounce, Duration settleTime) {
        this(loads, store, admission, clock, debounce, settleTime,
                (thread, error) -> LOG.error("the reload stage cannot go on", error));
    }

    public TrainingReloader(SourceLoads loads, SnapshotStore store, SnapshotAdmission admission, Clock clock,
            Duration debounce, Duration settleTime, Thread.UncaughtExceptionHandler cannotGoOn) {
        this.loads = loads;
        this.store = store;
        this.admission = admission;
        this.clock = clock;
        this.debounce = debounce;
        this.settleTime = settleTime;
        this.cannotGoOn = cannotGoOn;
        for (Source source : Source.values()) {
            progress.put(source, new SourceProgress());
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
     * Loads every source once, checks the campaign's process and marks the snapshot ready. A source
     * that fails is a failing source, not a failed start; a scan slower than {@code timeout} goes on,
     * and /-/ready says 503 until it ends.
     */
    public void initialScan(Duration timeout) throws InterruptedException {
        Future<?> scan = executor.submit(() -> {
            try {
                for (Source source : Source.values()) {
                    loadTask(source).run();
                }
                processCheckTask().run();
            } finally {
                store.update(TrainingSnapshot::withInitialScanComplete);
            }
        });
        try {
            scan.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the first scan of the training directory takes long; /-/ready answers 503 until it is done",
                    "dir", loads.directory(), "waited", timeout);
        } catch (ExecutionException e) {
            LOG.error("the first scan of the training directory failed", e.getCause(), "dir", loads.directory());
        }
    }

    /** The watcher saw the source change; coalesces bursts of events into one read. */
    public void sourceChanged(Source source) {
        submit("change of " + source.fileName(), () -> schedule(source, debounce));
    }

    /**
     * Re-reads every source that may differ from the version last read (for missed or absent events),
     * and every source shown failing even when unchanged: what failed may pass now (memory freed,
     * permissions fixed on a parent directory). Then checks the campaign's process again.
     */
    public void rescan() {
        if (!rescanQueued.compareAndSet(false, true)) {
            return;
        }
        submit("rescan", () -> {
            rescanQueued.set(false);
            for (Source source : Source.values()) {
                SourceProgress state = progress.get(source);
                if (state.shownFailing || loads.get(source).mayHaveChanged(state.lastStamp)) {
                    schedule(source, Duration.ZERO);
                }
            }
            // Queued after the loads above, so it sees a campaign_status.json they loaded.
            executor.schedule(processCheckTask(), 0, TimeUnit.MILLISECONDS);
        });
    }

    /** Re-reads every source whatever its stamp says, as an operator's SIGHUP asks. */
    public void reloadAll() {
        submit("reload of every source", () -> {
            for (Source source : Source.values()) {
                progress.get(source).force = true;
                schedule(source, Duration.ZERO);
            }
            executor.schedule(processCheckTask(), 0, TimeUnit.MILLISECONDS);
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

    private void schedule(Source source, Duration delay) {
        SourceProgress state = progress.get(source);
        if (state.pending != null && !state.pending.isDone()) {
            if (state.pending.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return;
            }
            state.pending.cancel(false);
        }
        state.pending = executor.schedule(loadTask(source), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Runnable loadTask(Source source) {
        return guarded("load of " + source.fileName(), () -> attempt(source), true);
    }

    private Runnable processCheckTask() {
        return guarded("check of the campaign's process", this::checkCampaignProcess, false);
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

    private void attempt(Source source) {
        SourceProgress state = progress.get(source);
        state.pending = null;
        boolean force = state.force;
        state.force = false;
        SourceLoad load = loads.get(source);
        LoadOutcome outcome;
        try {
            outcome = load.load(force);
        } catch (Throwable error) {
            outcome = new LoadOutcome.Failed(LoadFailure.ofRead(error), Optional.empty());
        }
        state.lastStamp = outcome.stamp();
        switch (outcome) {
            case LoadOutcome.Missing missing -> {
                state.failingSince = null;
                state.shownFailing = false;
                apply(source, current -> new SourceState(current.status().missing(clock.instant()), Optional.empty()));
            }
            case LoadOutcome.Failed failed -> {
                LOG.debug("the source did not load", "file", source.fileName(), "problem", failed.failure().message());
                failed(source, failed.failure());
            }
            case LoadOutcome.Torn torn -> schedule(source, debounce);
            case LoadOutcome.Unchanged unchanged -> {
                state.failingSince = null;
            }
            case LoadOutcome.Loaded loaded -> {
                load.served(admit(source, loaded));
                if (loaded.readAgainSoon()) {
                    schedule(source, debounce);
                }
            }
        }
        if (source == Source.CAMPAIGN_STATUS) {
            checkCampaignProcess();
        }
    }

    /** Swaps the loaded content in, unless the series budget refuses it; true when it is served. */
    private boolean admit(Source source, LoadOutcome.Loaded loaded) {
        Instant now = clock.instant();
        UnaryOperator<SourceState> load = current -> new SourceState(
                current.status().loaded(now, loaded.result().skippedRecords()), Optional.of(loaded.result().data()));
        Optional<String> refusal;
        try {
            // Only this thread swaps snapshots, so the candidate is what the swap below would publish.
            TrainingSnapshot current = store.current();
            refusal = admission.refusal(current.with(source, load.apply(current.source(source))));
        } catch (Throwable error) {
            failed(source, LoadFailure.ofParse(error));
            return false;
        }
        if (refusal.isPresent()) {
            failed(source, new LoadFailure(FailureReason.TOO_MANY_SERIES, refusal.get(), false));
            return false;
        }
        SourceProgress state = progress.get(source);
        state.failingSince = null;
        state.shownFailing = false;
        apply(source, load);
        return true;
    }

    private void failed(Source source, LoadFailure failure) {
        SourceProgress state = progress.get(source);
        Instant now = clock.instant();
        // A version already shown failing, tried again at a rescan, has settled long ago.
        boolean alreadyShown = state.shownFailing && state.shownFailingStamp.equals(state.lastStamp);
        if (failure.mayBeTransient() && !alreadyShown) {
            if (state.failingSince == null) {
                state.failingSince = now;
            }
            Duration failingFor = Duration.between(state.failingSince, now);
            if (failingFor.compareTo(settleTime) < 0) {
                LOG.debug("retrying a source that does not load yet", "file", source.fileName(),
                        "reason", failure.reason().label(), "problem", failure.message());
                schedule(source, clamp(failingFor));
                return;
            }
        }
        state.failingSince = null;
        state.shownFailing = true;
        state.shownFailingStamp = state.lastStamp;
        apply(source, current -> new SourceState(current.status().failing(now, failure.reason(), failure.message()), current.data()));
    }

    private Duration clamp(Duration failingFor) {
        if (failingFor.compareTo(debounce) < 0) {
            return debounce;
        }
        return failingFor.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : failingFor;
    }

    private void apply(Source source, UnaryOperator<SourceState> change) {
        SourceStatus before = store.current().source(source).status();
        TrainingSnapshot after = store.update(snapshot -> snapshot.with(source, change.apply(snapshot.source(source))));
        StateChangeLog.log(before, after.source(source));
    }

    /** Swaps in a new check of the campaign's process, only when it differs: scrapes keep their cached body otherwise. */
    private void checkCampaignProcess() {
        Optional<CampaignProcess> now = loads.processCheck().check(store.current());
        Optional<CampaignProcess> before = store.current().campaignProcess();
        if (!now.equals(before)) {
            store.update(snapshot -> snapshot.withCampaignProcess(now));
            StateChangeLog.log(before, now);
        }
    }
}
