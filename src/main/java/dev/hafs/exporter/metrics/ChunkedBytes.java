package dev.hafs.exporter.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Bytes written once, then read by many scrapes, held in 256 KiB chunks. A growing byte array
 * doubles and is copied once more at the end, so a 23 MB body needed up to three times that in
 * heap for a moment; chunks need the body and one chunk. Most bodies fit one chunk (a realistic
 * one is 33 KB, its gzip 7 KB) and are sent as one array.
 */
public final class ChunkedBytes implements BodyBytes {
    private static final int CHUNK = 256 * 1024;

    private final List<byte[]> chunks;
    private final long length;

    private ChunkedBytes(List<byte[]> chunks, long length) {
        this.chunks = chunks;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }

    @Override
    public Optional<byte[]> asOneArray() {
        return chunks.size() == 1 ? Optional.of(chunks.getFirst()) : Optional.empty();
    }

    InputStream inputStream() {
        return new SequenceInputStream(Collections.enumeration(chunks.stream().map(ByteArrayInputStream::new).toList()));
    }

    /** Collects what a writer writes; {@link #bytes()} ends the writing. */
    static final class Writer extends OutputStream {
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] current = new byte[CHUNK];
        private int position;
        private long length;

        @Override
        public void write(int b) {
            if (position == current.length) {
                chunks.add(current);
                current = new byte[CHUNK];
                position = 0;
            }
            current[position++] = (byte) b;
            length++;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            while (count > 0) {
                if (position == current.length) {
                    chunks.add(current);
                    current = new byte[CHUNK];
                    position = 0;
                }
                int n = Math.min(count, current.length - position);
                System.arraycopy(bytes, offset, current, position, n);
                position += n;
                offset += n;
                count -= n;
                length += n;
            }
        }

        ChunkedBytes bytes() {
            if (position > 0) {
                chunks.add(position == current.length ? current : Arrays.copyOf(current, position));
            }
            current = null;
            return new ChunkedBytes(List.copyOf(chunks), length);
        }
    }
}
