package dev.hafs.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Copies a fixture directory, subdirectories included, into {@code target}, which tests then rewrite freely. */
    public static void copy(String name, Path target) {
        Path source = ROOT.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
