package dev.hafs.exporter.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** A response body of known length, written out in pieces unless it is held as one array. */
public interface BodyBytes {
    long length();

    void writeTo(OutputStream out) throws IOException;

    /** The body as one array when it is held as one: handing it over whole is the cheapest way to send it. */
    default Optional<byte[]> asOneArray() {
        return Optional.empty();
    }
}
