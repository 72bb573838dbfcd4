package dev.hafs.exporter.metrics;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs renders and compressions of scrape bodies on one platform thread. Helidon runs handlers on
 * virtual threads, where client_java's text writers (a BufferedWriter fed char by char) and the
 * JDK's Deflater cost several times the CPU they cost on a platform thread (BENCHMARKS.md: a
 * realistic body plus gzip 2.5 ms instead of 0.6 ms on JDK 25). A body is made at most once a
 * second per format, so one thread is enough, and renders queue behind each other rather than
 * running twice.
 */
final class RenderThread {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hafs-render").daemon().factory());

    private RenderThread() {
    }

    static <T> T call(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        Future<T> result = THREAD.submit(work::get);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw new IllegalStateException("interrupted while a scrape body was made", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException("making a scrape body failed", e.getCause());
            }
        }
    }
}
