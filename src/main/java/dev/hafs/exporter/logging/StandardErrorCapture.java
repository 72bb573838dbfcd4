package dev.hafs.exporter.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What libraries print to System.err (SLF4J's notices, stack traces of printStackTrace) becomes a
 * log record in the chosen format, so standard error carries nothing else. One flush is one record:
 * an autoflushing PrintStream flushes after each println, which keeps a multi-line message together.
 */
final class StandardErrorCapture extends OutputStream {
    /** A library printing without newlines still yields records of bounded size. */
    private static final int MAX_RECORD_BYTES = 8192;
    private static final Logger STDERR = Logger.getLogger("stderr");

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Charset charset;

    private StandardErrorCapture(Charset charset) {
        this.charset = charset;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (pending.size() >= MAX_RECORD_BYTES) {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        if (pending.size() >= MAX_RECORD_BYTES) {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        String text = pending.toString(charset).stripTrailing();
        pending.reset();
        if (!text.isEmpty()) {
            StructuredLogRecord record = new StructuredLogRecord(Level.WARNING, text, java.util.List.of());
            record.setLoggerName(STDERR.getName());
            STDERR.log(record);
        }
    }

    /** System.err once captured; its own type, so that configuring logging twice does not capture the capture. */
    static final class CapturingPrintStream extends PrintStream {
        CapturingPrintStream(Charset charset) {
            super(new StandardErrorCapture(charset), true, charset);
        }
    }
}
