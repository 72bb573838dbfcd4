package dev.hafs.exporter.metrics;

import java.io.IOException;
import java.io.OutputStream;

/** A response body of known length that is written out rather than handed over as one array. */
public interface BodyBytes {
    long length();

    void writeTo(OutputStream out) throws IOException;
}
