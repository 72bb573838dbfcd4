package dev.hafs.exporter.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops a file that keeps growing while it is read from being read without end. */
final class SizeLimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String limitName;
    private long consumed;

    SizeLimitedInputStream(InputStream in, long limit, String limitName) {
        super(in);
        this.limit = limit;
        this.limitName = limitName;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws SourceTooLargeException {
        consumed += n;
        if (consumed > limit) {
            throw new SourceTooLargeException(limit, limitName);
        }
    }
}
