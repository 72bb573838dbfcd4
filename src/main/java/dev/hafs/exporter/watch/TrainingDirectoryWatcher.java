package dev.hafs.exporter.watch;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.read.SourceFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watches the training directory (not the files: HAFS and atomic writers replace files, and a
 * watch on a replaced file goes quiet) and asks for a rescan every poll interval anyway, for file
 * systems that deliver no events (NFS, some container volumes) and for a directory that does not
 * exist yet. A watch that cannot be set up (inotify limits) degrades to polling.
 *
 * <p>The directory's parent is watched too, for the directory's own name: deploy tools switch a
 * symlinked directory to another target ({@code ln -sfn release-2 training}), which the watch on the
 * old target never hears of; the parent sees the link replaced, and the watch moves to the new target.
 *
 * <p>The loop survives anything a round throws (a listener included). Only when
 * {@value #FAILURES_BEFORE_GIVING_UP} rounds fail with none reaching the listener in between (events
 * in the parent about other names prove nothing) does it stop and report through
 * {@code cannotGoOn}: the exporter would otherwise keep serving while no longer following the files.
 */
public final class TrainingDirectoryWatcher implements AutoCloseable {
    private static final Log LOG = Log.of(TrainingDirectoryWatcher.class);
    /** A missing directory is looked for this often, so it is picked up soon after it appears. */
    private static final Duration MISSING_DIRECTORY_POLL = Duration.ofSeconds(1);
    static final int FAILURES_BEFORE_GIVING_UP = 5;
    private static final Duration FAILURE_BACKOFF = Duration.ofMillis(200);

    /** How the directory gets watched; a seam so tests can make registration fail as exhausted inotify limits do. */
    @FunctionalInterface
    public interface Registration {
        WatchKey register(Path directory, WatchService service) throws IOException;

        Registration INOTIFY = (directory, service) -> directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    }

    private final Path directory;
    private final Path parent;
    private final Duration pollInterval;
    private final DirectoryListener listener;
    private final Registration registration;
    private final Thread.UncaughtExceptionHandler cannotGoOn;
    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;
    // Touched only by the watch thread (and by start(), before it runs).
    private WatchKey directoryKey;
    private WatchKey parentKey;
    private String lastProblem = "";
    /** Listener calls that returned: a round counts as working only when it reached the listener. */
    private long listenerCalls;

    public TrainingDirectoryWatcher(Path directory, Duration pollInterval, DirectoryListener listener) throws IOException {
        this(directory, pollInterval, listener, Registration.INOTIFY);
    }

    public TrainingDirectoryWatcher(Path directory, Duration pollInterval, DirectoryListener listener,
            Registration registration) throws IOException {
        this(directory, pollInterval, listener, registration,
                (thread, error) -> LOG.error("the directory watch cannot go on", error, "dir", directory));
    }

    public TrainingDirectoryWatcher(Path directory, Duration pollInterval, DirectoryListener listener,
            Registration registration, Thread.UncaughtExceptionHandler cannotGoOn) throws IOException {
        this.directory = directory;
        this.parent = directory.toAbsolutePath().getParent();
        this.pollInterval = pollInterval;
        this.listener = listener;
        this.registration = registration;
        this.cannotGoOn = cannotGoOn;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "hafs-watch");
        this.thread.setDaemon(true);
    }

    public void start() {
        watchParent();
        watchDirectory();
        thread.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchService.close();
        thread.interrupt();
    }

    private void run() {
        long nextRescan = System.nanoTime() + pollInterval.toNanos();
        int failuresInARow = 0;
        while (!closed) {
            long callsBefore = listenerCalls;
            try {
                Duration wait = directoryKey == null && pollInterval.compareTo(MISSING_DIRECTORY_POLL) > 0
                        ? MISSING_DIRECTORY_POLL : pollInterval;
                WatchKey signalled = watchService.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (signalled != null) {
                    dispatch(signalled);
                }
                if (parentKey == null) {
                    watchParent();
                }
                if (directoryKey == null && watchDirectory()) {
                    rescanNeeded();
                }
                if (signalled == null || System.nanoTime() - nextRescan >= 0) {
                    rescanNeeded();
                    nextRescan = System.nanoTime() + pollInterval.toNanos();
                }
                if (listenerCalls != callsBefore) {
                    failuresInARow = 0;
                }
            } catch (Throwable error) {
                if (closed) {
                    return;
                }
                failuresInARow++;
                if (!survive(error, failuresInARow)) {
                    return;
                }
            }
        }
    }

    /** Logs a failed round and waits a little before the next; false once the watch has to give up. */
    private boolean survive(Throwable error, int failuresInARow) {
        try {
            LOG.error("the directory watch failed; it goes on", error, "dir", directory, "failures_in_a_row", failuresInARow);
        } catch (Throwable logFailed) {
            // Out of memory even for the log line: the count still advances.
        }
        if (failuresInARow >= FAILURES_BEFORE_GIVING_UP) {
            cannotGoOn.uncaughtException(thread, error);
            return false;
        }
        try {
            Thread.sleep(FAILURE_BACKOFF.multipliedBy(failuresInARow));
            return true;
        } catch (InterruptedException interrupted) {
            return !closed;
        }
    }

    private void dispatch(WatchKey signalled) {
        if (signalled == parentKey) {
            dispatchParent(signalled);
            return;
        }
        if (signalled != directoryKey) {
            // The directory's previous target, before a symlink swap: nothing there is ours any more.
            signalled.pollEvents();
            signalled.cancel();
            return;
        }
        List<WatchEvent<?>> events = signalled.pollEvents();
        // Reset before the listener runs: a listener that throws must not leave the key unarmed (deaf).
        if (!signalled.reset()) {
            LOG.warn("training directory is gone, watching for it to come back", "dir", directory);
            directoryKey = null;
            rescanNeeded();
        }
        for (WatchEvent<?> event : events) {
            Optional<SourceFile> file = event.kind() == StandardWatchEventKinds.OVERFLOW
                    ? Optional.empty()
                    : SourceFile.byFileName(event.context().toString());
            if (file.isPresent()) {
                listener.fileChanged(file.get());
                listenerCalls++;
            } else {
                rescanNeeded();
            }
        }
    }

    private void rescanNeeded() {
        listener.rescanNeeded();
        listenerCalls++;
    }

    /** Something happened to the directory's own entry: created, deleted, or a symlink replaced. */
    private void dispatchParent(WatchKey signalled) {
        boolean ours = false;
        for (WatchEvent<?> event : signalled.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW
                    || directory.getFileName().toString().equals(String.valueOf(event.context()));
        }
        if (!signalled.reset()) {
            parentKey = null;
        }
        if (ours) {
            WatchKey previous = directoryKey;
            directoryKey = null;
            watchDirectory();
            if (previous != null && previous != directoryKey) {
                previous.cancel();
                LOG.info("the training directory was replaced, watching its new target", "dir", directory);
            }
            rescanNeeded();
        }
    }

    /** Returns true when the directory became watched by this call. */
    private boolean watchDirectory() {
        try {
            directoryKey = registration.register(directory, watchService);
            if (!lastProblem.isEmpty()) {
                LOG.info("watching the training directory", "dir", directory);
            }
            lastProblem = "";
            return true;
        } catch (NoSuchFileException | NotDirectoryException e) {
            report("training directory does not exist (yet), looking for it every second", e);
        } catch (IOException e) {
            report("cannot watch the training directory (inotify limits?), polling it every second instead", e);
        }
        return false;
    }

    /** Best effort: without the parent's watch, a swapped symlink is still found by the poll. */
    private void watchParent() {
        if (parent == null) {
            return;
        }
        try {
            parentKey = registration.register(parent, watchService);
        } catch (IOException e) {
            LOG.debug("cannot watch the training directory's parent; a swapped symlink is found by the poll",
                    "dir", parent, "error", e.toString());
        }
    }

    private void report(String message, IOException e) {
        String problem = message + e.getClass().getName();
        if (!problem.equals(lastProblem)) {
            LOG.warn(message, "dir", directory, "error", e.toString());
            lastProblem = problem;
        }
    }
}
