package dev.hafs.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Fixture directories under src/test/resources/fixtures, in the shape HAFS's writer produces. */
public final class Fixtures {
    private static final Path ROOT = Path.of("src/test/resources/fixtures");

    private Fixtures() {
    }

    public static Path directory(String name) {
        return ROOT.resolve(name);
    }

    public static String text(String directory, String file) {
        try {
            return Files.readString(ROOT.resolve(directory).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture directory's files into {@code target}, which tests then rewrite freely. */
    public static void copy(String name, Path target) {
        try (Stream<Path> files = Files.list(ROOT.resolve(name))) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
