package dev.hafs.exporter.watch;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.read.SourceFile;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watches the training directory (not the files: HAFS and atomic writers replace files, and a
 * watch on a replaced file goes quiet) and asks for a rescan every poll interval anyway, for file
 * systems that deliver no events (NFS, some container volumes) and for a directory that does not
 * exist yet. A watch that cannot be set up (inotify limits) degrades to polling.
 */
public final class TrainingDirectoryWatcher implements AutoCloseable {
    private static final Log LOG = Log.of(TrainingDirectoryWatcher.class);
    /** A missing directory is looked for this often, so it is picked up soon after it appears. */
    private static final Duration MISSING_DIRECTORY_POLL = Duration.ofSeconds(1);

    /** How the directory gets watched; a seam so tests can make registration fail as exhausted inotify limits do. */
    @FunctionalInterface
    public interface Registration {
        WatchKey register(Path directory, WatchService service) throws IOException;

        Registration INOTIFY = (directory, service) -> directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    }

    private final Path directory;
    private final Duration pollInterval;
    private final DirectoryListener listener;
    private final Registration registration;
    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;
    private WatchKey key;
    private String lastProblem = "";

    public TrainingDirectoryWatcher(Path directory, Duration pollInterval, DirectoryListener listener) throws IOException {
        this(directory, pollInterval, listener, Registration.INOTIFY);
    }

    public TrainingDirectoryWatcher(Path directory, Duration pollInterval, DirectoryListener listener,
            Registration registration) throws IOException {
        this.directory = directory;
        this.pollInterval = pollInterval;
        this.listener = listener;
        this.registration = registration;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "hafs-watch");
        this.thread.setDaemon(true);
    }

    public void start() {
        register();
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
        while (!closed) {
            try {
                Duration wait = key == null && pollInterval.compareTo(MISSING_DIRECTORY_POLL) > 0
                        ? MISSING_DIRECTORY_POLL : pollInterval;
                WatchKey signalled = watchService.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (signalled != null) {
                    dispatch(signalled);
                }
                if (key == null) {
                    if (register()) {
                        listener.rescanNeeded();
                    }
                }
                if (signalled == null || System.nanoTime() - nextRescan >= 0) {
                    listener.rescanNeeded();
                    nextRescan = System.nanoTime() + pollInterval.toNanos();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("watch loop error, continuing", "error", e.toString());
            }
        }
    }

    private void dispatch(WatchKey signalled) {
        for (WatchEvent<?> event : signalled.pollEvents()) {
            Optional<SourceFile> file = event.kind() == StandardWatchEventKinds.OVERFLOW
                    ? Optional.empty()
                    : SourceFile.byFileName(event.context().toString());
            file.ifPresentOrElse(listener::fileChanged, listener::rescanNeeded);
        }
        if (!signalled.reset()) {
            LOG.warn("training directory is gone, watching for it to come back", "dir", directory);
            key = null;
            listener.rescanNeeded();
        }
    }

    /** Returns true when the directory became watched by this call. */
    private boolean register() {
        try {
            key = registration.register(directory, watchService);
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

    private void report(String message, IOException e) {
        String problem = message + e.getClass().getName();
        if (!problem.equals(lastProblem)) {
            LOG.warn(message, "dir", directory, "error", e.toString());
            lastProblem = problem;
        }
    }
}
