package dev.hafs.exporter.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * A pid file as HAFS's campaign launcher writes it ({@code campaign.pid}: the decimal pid, no
 * newline, rewritten in place at each launch, never removed), with when it was written: the process
 * it names started before that.
 */
public final class PidFile {
    public static final String CAMPAIGN = "campaign.pid";
    /** A pid is at most 7 digits on Linux; anything much longer is not a pid file. */
    private static final int MAX_BYTES = 64;

    /** What the file holds. */
    public sealed interface Content {
    }

    public record Missing() implements Content {
    }

    public record Pid(long pid, Instant written) implements Content {
    }

    /** Empty (being rewritten), not a number, unreadable: {@code reason} says which. */
    public record Unusable(String reason) implements Content {
    }

    private PidFile() {
    }

    public static Content read(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return new Unusable("it is not a regular file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            String text = new String(bytes, StandardCharsets.US_ASCII).strip();
            if (bytes.length > MAX_BYTES) {
                return new Unusable("it is longer than a pid");
            }
            if (text.isEmpty()) {
                return new Unusable("it is empty");
            }
            if (!text.chars().allMatch(Character::isDigit) || text.length() > 10 || Long.parseLong(text) < 1) {
                return new Unusable("it holds no pid");
            }
            return new Pid(Long.parseLong(text), attributes.lastModifiedTime().toInstant());
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Unusable("cannot read it: " + e.getClass().getSimpleName());
        }
    }

    /** When a file was last written, for a pid that comes from elsewhere (campaign_status.json). */
    public static Optional<Instant> written(Path path) {
        try {
            return Optional.of(Files.getLastModifiedTime(path).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
