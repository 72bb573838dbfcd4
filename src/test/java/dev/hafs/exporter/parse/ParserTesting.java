package dev.hafs.exporter.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/** Parses text with the real parsers, with timestamps read as UTC so expectations do not depend on the machine. */
final class ParserTesting {
    static final HafsTimestamps UTC = new HafsTimestamps(ZoneOffset.UTC);

    private ParserTesting() {
    }

    static ParseResult parse(SourceParser parser, String text) throws IOException, MalformedSourceException {
        return parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static ParseResult parse(SourceParser parser, byte[] bytes) throws IOException, MalformedSourceException {
        return parser.parse(new ByteArrayInputStream(bytes));
    }
}
