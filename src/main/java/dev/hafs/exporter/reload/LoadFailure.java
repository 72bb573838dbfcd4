package dev.hafs.exporter.reload;

import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.read.SourceTooLargeException;
import dev.hafs.exporter.snapshot.FailureReason;
import java.io.IOException;

/**
 * How anything thrown while a file is read or parsed is counted and shown: every Throwable is a
 * failed load of that file, never a dead thread. {@code mayBeTransient} failures are what a
 * half-written file produces, so they are retried for a while before they count; the others count
 * at once (retrying an out-of-memory parse in a tight loop would starve the scrapes) and are tried
 * again on the next change or poll.
 */
record LoadFailure(FailureReason reason, String message, boolean mayBeTransient) {

    static LoadFailure ofParse(Throwable thrown) {
        return switch (thrown) {
            case MalformedSourceException e -> new LoadFailure(
                    e.kind() == MalformedSourceException.Kind.SCHEMA ? FailureReason.SCHEMA : FailureReason.PARSE, e.getMessage(), true);
            case SourceTooLargeException e -> new LoadFailure(FailureReason.TOO_LARGE, e.getMessage(), false);
            case IOException e -> new LoadFailure(FailureReason.IO, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
            // The content needs more heap than -Xmx gives: a size problem, as for a file above --source.max-bytes.
            case OutOfMemoryError e -> new LoadFailure(FailureReason.TOO_LARGE,
                    "the heap ran out while parsing it (" + e + "); the file needs more memory than -Xmx allows", false);
            // Nesting deeper than the thread's stack can follow: the file cannot be parsed as it is.
            case StackOverflowError e -> new LoadFailure(FailureReason.PARSE,
                    "it is nested too deeply to parse (StackOverflowError)", false);
            case Exception e -> new LoadFailure(FailureReason.PARSE, "internal error: " + e, true);
            default -> new LoadFailure(FailureReason.PARSE, "internal error: " + thrown, false);
        };
    }

    /** Opening or looking at the file failed in a way the reader did not expect. */
    static LoadFailure ofRead(Throwable thrown) {
        return new LoadFailure(FailureReason.IO, "cannot read it: " + thrown, thrown instanceof Exception);
    }
}
