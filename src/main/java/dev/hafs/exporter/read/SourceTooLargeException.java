package dev.hafs.exporter.read;

import java.io.IOException;

/** The file grew past the size limit while it was being read. */
public final class SourceTooLargeException extends IOException {
    public SourceTooLargeException(long limit, String limitName) {
        super("the file grew past the limit of " + limit + " bytes (" + limitName + ") while being read");
    }
}
