package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;

/** Turns the bytes of one HAFS file into immutable records, streaming, without holding the file. */
public interface SourceParser {
    ParseResult parse(InputStream in) throws IOException, MalformedSourceException;
}
