package dev.hafs.exporter.read;

import java.io.InputStream;

/** The outcome of opening one source file. */
public sealed interface ReadResult {
    /** The content to stream, and the stamp taken before opening it. The receiver closes the stream. */
    record Opened(InputStream content, FileStamp stamp) implements ReadResult {
    }

    record Missing() implements ReadResult {
    }

    record Unreadable(Problem problem, String message) implements ReadResult {
    }

    enum Problem { IO, TOO_LARGE }
}
