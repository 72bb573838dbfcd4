package dev.hafs.exporter.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens source files for streaming. Only regular files are opened: a FIFO where a file should be
 * would block the reader forever, and a directory cannot be read at all.
 */
public final class SourceReader {
    private final long maxBytes;
    /** Where the limit comes from, for the messages: a flag, or a fixed cap. */
    private final String limitName;

    public SourceReader(long maxBytes) {
        this(maxBytes, "--source.max-bytes");
    }

    public SourceReader(long maxBytes, String limitName) {
        this.maxBytes = maxBytes;
        this.limitName = limitName;
    }

    public ReadResult open(Path path) {
        FileStamp.Attributes attributes;
        try {
            attributes = FileStamp.read(path);
        } catch (NoSuchFileException e) {
            return new ReadResult.Missing();
        } catch (IOException e) {
            return new ReadResult.Unreadable(ReadResult.Problem.IO, describe(e));
        }
        if (!attributes.regularFile()) {
            return new ReadResult.Unreadable(ReadResult.Problem.IO,
                    attributes.directory() ? "it is a directory, not a file" : "it is not a regular file");
        }
        if (attributes.stamp().size() > maxBytes) {
            return new ReadResult.Unreadable(ReadResult.Problem.TOO_LARGE, "it is " + attributes.stamp().size()
                    + " bytes, above the limit of " + maxBytes + " bytes (" + limitName + ")");
        }
        try {
            InputStream in = Files.newInputStream(path);
            return new ReadResult.Opened(new SizeLimitedInputStream(in, maxBytes, limitName), attributes.stamp());
        } catch (NoSuchFileException e) {
            return new ReadResult.Missing();
        } catch (IOException e) {
            return new ReadResult.Unreadable(ReadResult.Problem.IO, describe(e));
        }
    }

    /** The stamp of the file as it is now; empty when it is gone or cannot be looked at. */
    public Optional<FileStamp> stamp(Path path) {
        try {
            return Optional.of(FileStamp.read(path).stamp());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What went wrong, without the path: the message is shown on the landing page too. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fileSystem ? fileSystem.getReason() : e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
    }
}
