package dev.hafs.exporter.read;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Looks at the datasets directory without reading any dataset: every entry is looked at once (one
 * stat) to count the folders, and only the newest {@code limit} are remembered, so memory follows the
 * limit however many folders there are. A folder is as new as its name says (the caller reads the
 * name's timestamp), else as its modification time.
 */
public final class DatasetsDirectory {
    private static final Comparator<Folder> OLDEST_FIRST = Comparator.comparing(Folder::made).thenComparing(Folder::name);

    /** One dataset folder and when it was made. */
    public record Folder(String name, Path path, Instant made) {
    }

    /** {@code found} folders in all; the newest {@code limit} of them, newest first. */
    public record Listing(long found, List<Folder> newestFirst) {
        public Listing {
            newestFirst = List.copyOf(newestFirst);
        }
    }

    /** What tells one version of a folder's files from another without reading them; a missing file has no stamp. */
    public record FolderStamp(Optional<FileStamp> stats, Optional<FileStamp> metadata, Optional<FileStamp> rejectionSummary) {
    }

    private DatasetsDirectory() {
    }

    public static Listing list(Path directory, int limit, Function<String, Optional<Instant>> madeFromName) throws IOException {
        PriorityQueue<Folder> kept = new PriorityQueue<>(Math.min(limit, 1024) + 1, OLDEST_FIRST);
        long found = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (IOException goneOrDangling) {
                    continue;
                }
                if (!attributes.isDirectory()) {
                    continue;
                }
                found++;
                String name = entry.getFileName().toString();
                kept.add(new Folder(name, entry, madeFromName.apply(name).orElse(attributes.lastModifiedTime().toInstant())));
                if (kept.size() > limit) {
                    kept.poll();
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        List<Folder> newestFirst = new ArrayList<>(kept);
        newestFirst.sort(OLDEST_FIRST.reversed());
        return new Listing(found, newestFirst);
    }

    public static FolderStamp stamp(SourceReader reader, Path folder) {
        return new FolderStamp(reader.stamp(folder.resolve(DatasetFiles.STATS)), reader.stamp(folder.resolve(DatasetFiles.METADATA)),
                reader.stamp(folder.resolve(DatasetFiles.REJECTION_SUMMARY)));
    }
}
