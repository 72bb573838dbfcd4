package dev.hafs.exporter.metrics;

import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered /metrics body, as every scrape of the same snapshot and format within a second gets
 * it: the bytes, and the same bytes gzip-compressed in the same pass. A body longer than
 * {@value #KEEP_IDENTITY_UP_TO} bytes (only runaway label values make one: 20,000 series of
 * 256-character names render 23 MB) is kept compressed only, and a client that does not take gzip
 * gets it inflated as it is sent: such a body never sits in the heap whole, so every format of it
 * fits the shipped -Xmx beside a reload.
 */
public final class ScrapeBody {
    static final long KEEP_IDENTITY_UP_TO = 4L << 20;

    private final TrainingSnapshot snapshot;
    private final long renderedAtNanos;
    private final String contentType;
    private final long identityLength;
    /** Null when the body is kept compressed only. */
    private final ChunkedBytes identity;
    private final ChunkedBytes gzip;

    private ScrapeBody(TrainingSnapshot snapshot, long renderedAtNanos, String contentType, long identityLength,
            ChunkedBytes identity, ChunkedBytes gzip) {
        this.snapshot = snapshot;
        this.renderedAtNanos = renderedAtNanos;
        this.contentType = contentType;
        this.identityLength = identityLength;
        this.identity = identity;
        this.gzip = gzip;
    }

    public String contentType() {
        return contentType;
    }

    /** The body as written. */
    public BodyBytes identity() {
        if (identity != null) {
            return identity;
        }
        return new BodyBytes() {
            @Override
            public long length() {
                return identityLength;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = new GZIPInputStream(gzip.inputStream(), 64 * 1024)) {
                    in.transferTo(out);
                }
            }
        };
    }

    /** The body gzip-compressed. */
    public BodyBytes gzip() {
        return gzip;
    }

    boolean servesFor(TrainingSnapshot current, long nowNanos, long maxAgeNanos) {
        return snapshot == current && nowNanos - renderedAtNanos < maxAgeNanos;
    }

    boolean keptCompressedOnly() {
        return identity == null;
    }

    /**
     * What a format writer writes into: the identity bytes while they are short enough to keep, and
     * the gzip stream all along. Prometheus always takes gzip, so compressing every body costs its
     * scrapes nothing and a body never needs a second pass.
     */
    static final class Writer extends OutputStream {
        private ChunkedBytes.Writer identity = new ChunkedBytes.Writer();
        private final ChunkedBytes.Writer compressed = new ChunkedBytes.Writer();
        private final GZIPOutputStream gzip;
        private long length;

        Writer() {
            try {
                gzip = new GZIPOutputStream(compressed, 8192) {
                    {
                        // Exposition text compresses 8x at the fastest level and 9x at the default, which takes twice the CPU.
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            length += count;
            if (identity != null) {
                identity.write(bytes, offset, count);
                if (length > KEEP_IDENTITY_UP_TO) {
                    identity = null;
                }
            }
            gzip.write(bytes, offset, count);
        }

        ScrapeBody body(TrainingSnapshot snapshot, long renderedAtNanos, String contentType) throws IOException {
            gzip.close();
            return new ScrapeBody(snapshot, renderedAtNanos, contentType, length,
                    identity == null ? null : identity.bytes(), compressed.bytes());
        }
    }
}
