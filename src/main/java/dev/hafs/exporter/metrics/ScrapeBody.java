package dev.hafs.exporter.metrics;

import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered /metrics body, as every scrape of the same snapshot and format within a second gets
 * it: the bytes, and the same bytes gzip-compressed once. A body larger than
 * {@value #KEEP_IDENTITY_UP_TO} bytes (only hostile or runaway label values make one: 20,000 series
 * of 256-character names render 23 MB) is kept compressed only, and a client that does not take
 * gzip gets it inflated as it is sent, so three formats of such a body fit the shipped heap.
 */
public final class ScrapeBody {
    static final long KEEP_IDENTITY_UP_TO = 4L << 20;

    private final TrainingSnapshot snapshot;
    private final long renderedAtNanos;
    private final String contentType;
    private final long identityLength;
    /** Null when the body is only kept compressed. */
    private final ChunkedBytes identity;
    private final ReentrantLock compressing = new ReentrantLock();
    private volatile ChunkedBytes gzip;

    private ScrapeBody(TrainingSnapshot snapshot, long renderedAtNanos, String contentType, long identityLength,
            ChunkedBytes identity, ChunkedBytes gzip) {
        this.snapshot = snapshot;
        this.renderedAtNanos = renderedAtNanos;
        this.contentType = contentType;
        this.identityLength = identityLength;
        this.identity = identity;
        this.gzip = gzip;
    }

    /** Call on the render thread: a large body is compressed here and its identity bytes let go. */
    static ScrapeBody of(TrainingSnapshot snapshot, long renderedAtNanos, String contentType, ChunkedBytes rendered) {
        if (rendered.length() <= KEEP_IDENTITY_UP_TO) {
            return new ScrapeBody(snapshot, renderedAtNanos, contentType, rendered.length(), rendered, null);
        }
        return new ScrapeBody(snapshot, renderedAtNanos, contentType, rendered.length(), null, compress(rendered));
    }

    public String contentType() {
        return contentType;
    }

    /** The body as written. */
    public BodyBytes identity() {
        if (identity != null) {
            return identity;
        }
        ChunkedBytes compressed = gzip;
        return new BodyBytes() {
            @Override
            public long length() {
                return identityLength;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = new GZIPInputStream(compressed.inputStream(), 64 * 1024)) {
                    in.transferTo(out);
                }
            }
        };
    }

    /** The body gzip-compressed, made by the first scrape that asks and shared by the rest. */
    public BodyBytes gzip() {
        ChunkedBytes compressed = gzip;
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

    boolean keptCompressedOnly() {
        return identity == null;
    }

    private static ChunkedBytes compress(ChunkedBytes bytes) {
        ChunkedBytes.Writer out = new ChunkedBytes.Writer();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                // Exposition text compresses 8x at the fastest level and 9x at the default, which takes twice the CPU.
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            bytes.writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.bytes();
    }
}
