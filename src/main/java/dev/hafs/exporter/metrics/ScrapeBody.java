package dev.hafs.exporter.metrics;

import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered /metrics body, complete in memory, as every scrape of the same snapshot and format
 * within a second gets it: the bytes, and the same bytes gzip-compressed once, on first demand.
 */
public final class ScrapeBody {
    private final TrainingSnapshot snapshot;
    private final long renderedAtNanos;
    private final String contentType;
    private final byte[] identity;
    private final ReentrantLock compressing = new ReentrantLock();
    private volatile byte[] gzip;

    ScrapeBody(TrainingSnapshot snapshot, long renderedAtNanos, String contentType, byte[] identity) {
        this.snapshot = snapshot;
        this.renderedAtNanos = renderedAtNanos;
        this.contentType = contentType;
        this.identity = identity;
    }

    public String contentType() {
        return contentType;
    }

    /** The body as written; callers send it and never change it. */
    public byte[] identity() {
        return identity;
    }

    /** The body gzip-compressed, made by the first scrape that asks and shared by the rest. */
    public byte[] gzip() {
        byte[] compressed = gzip;
        if (compressed != null) {
            return compressed;
        }
        // A lock rather than synchronized: scrapes run on virtual threads, which must not pin their carrier.
        compressing.lock();
        try {
            if (gzip == null) {
                gzip = RenderThread.call(() -> compress(identity));
            }
            return gzip;
        } finally {
            compressing.unlock();
        }
    }

    boolean servesFor(TrainingSnapshot current, long nowNanos, long maxAgeNanos) {
        return snapshot == current && nowNanos - renderedAtNanos < maxAgeNanos;
    }

    int size() {
        return identity.length;
    }

    private static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                // Exposition text compresses 8x at the fastest level and 9x at the default, which takes twice the CPU.
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
