package dev.hafs.exporter.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes files the way HAFS's Python writers do: open with truncation, then the text in chunks,
 * no temporary file, no rename. Between {@link #truncate} and {@link #append} a reader sees a
 * half-written file, which is the state the exporter must survive.
 */
public final class HafsWriter {
    private final Path file;

    public HafsWriter(Path file) {
        this.file = file;
    }

    public static void write(Path file, String text) {
        HafsWriter writer = new HafsWriter(file);
        writer.truncate();
        writer.append(text);
    }

    public HafsWriter truncate() {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HafsWriter append(String text) {
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
