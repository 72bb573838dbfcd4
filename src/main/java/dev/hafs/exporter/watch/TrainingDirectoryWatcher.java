package dev.hafs.exporter.watch;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.read.DatasetFiles;
import dev.hafs.exporter.read.PidFile;
import dev.hafs.exporter.read.Source;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>inotify does not watch subdirectories, so {@code datasets/} is watched on its own (a new folder),
 * and so are the folders that can still change: those created while the exporter watches, and those
 * changed in the last {@value #RECENT_FOLDER_MINUTES} minutes when the watch starts, at most
 * {@value #MAX_FOLDER_WATCHES} (the newest). Their stats.json, metadata.json and rejection_summary.json
 * show at once; the big .jsonl files HAFS writes beside them are not reported. A change in an older
 * folder shows at the next poll.
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
    /** Folders HAFS is still writing are the newest few; inotify watches are a per-user resource. */
    static final int MAX_FOLDER_WATCHES = 16;
    static final int RECENT_FOLDER_MINUTES = 10;

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
    private WatchKey datasetsKey;
    /** Watched dataset folders, oldest watch first. */
    private final Map<WatchKey, Path> folderKeys = new LinkedHashMap<>();
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
        if (watchDirectory()) {
            watchDatasets();
        }
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
                    watchDatasets();
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
        if (signalled == datasetsKey) {
            dispatchDatasets(signalled);
            return;
        }
        if (folderKeys.containsKey(signalled)) {
            dispatchFolder(signalled);
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
            unwatchDatasets();
            rescanNeeded();
        }
        for (WatchEvent<?> event : events) {
            String name = String.valueOf(event.context());
            Optional<Source> source = event.kind() == StandardWatchEventKinds.OVERFLOW ? Optional.empty() : Source.byFileName(name);
            if (source.isPresent()) {
                if (source.get() == Source.DATASETS) {
                    watchDatasets();
                }
                sourceChanged(source.get());
            } else if (event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(PidFile.CAMPAIGN) || !name.endsWith(".log")) {
                // HAFS's text logs grow all the time and are no source; anything else may be (a ..data symlink swap).
                rescanNeeded();
            }
        }
    }

    /** A dataset folder appeared or went: watch the new one, and have the datasets read again. */
    private void dispatchDatasets(WatchKey signalled) {
        List<WatchEvent<?>> events = signalled.pollEvents();
        if (!signalled.reset()) {
            unwatchDatasets();
        }
        for (WatchEvent<?> event : events) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && datasetsKey != null) {
                watchFolder(datasets().resolve(String.valueOf(event.context())));
            }
        }
        // After the new folder is watched: what was written into it before is read now, what comes later is seen.
        sourceChanged(Source.DATASETS);
    }

    /** Only the files the exporter reads: HAFS writes megabytes of .jsonl beside them. */
    private void dispatchFolder(WatchKey signalled) {
        boolean ours = false;
        for (WatchEvent<?> event : signalled.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || DatasetFiles.ALL.contains(String.valueOf(event.context()));
        }
        if (!signalled.reset()) {
            folderKeys.remove(signalled);
        }
        if (ours) {
            sourceChanged(Source.DATASETS);
        }
    }

    private void sourceChanged(Source source) {
        listener.sourceChanged(source);
        listenerCalls++;
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
            unwatchDatasets();
            if (watchDirectory()) {
                watchDatasets();
            }
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

    private Path datasets() {
        return directory.resolve(Source.DATASETS.fileName());
    }

    /**
     * Watches datasets/ and its folders changed in the last minutes (HAFS may be writing one now);
     * best effort: without it, dataset changes show at the next poll.
     */
    private void watchDatasets() {
        unwatchDatasets();
        try {
            datasetsKey = registration.register(datasets(), watchService);
        } catch (IOException e) {
            LOG.debug("cannot watch the datasets directory (yet); dataset changes show at the next poll",
                    "dir", datasets(), "error", e.toString());
            return;
        }
        Instant recent = Instant.now().minus(Duration.ofMinutes(RECENT_FOLDER_MINUTES));
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(datasets(),
                folder -> Files.isDirectory(folder) && Files.getLastModifiedTime(folder).toInstant().isAfter(recent))) {
            for (Path folder : folders) {
                watchFolder(folder);
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.debug("cannot list the datasets directory for folders being written", "dir", datasets(), "error", e.toString());
        }
    }

    private void watchFolder(Path folder) {
        try {
            folderKeys.put(registration.register(folder, watchService), folder);
        } catch (IOException e) {
            // Not a directory, gone already, or out of watches: the poll reads it.
            return;
        }
        if (folderKeys.size() > MAX_FOLDER_WATCHES) {
            Iterator<WatchKey> oldest = folderKeys.keySet().iterator();
            oldest.next().cancel();
            oldest.remove();
        }
    }

    private void unwatchDatasets() {
        if (datasetsKey != null) {
            datasetsKey.cancel();
            datasetsKey = null;
        }
        folderKeys.keySet().forEach(WatchKey::cancel);
        folderKeys.clear();
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
