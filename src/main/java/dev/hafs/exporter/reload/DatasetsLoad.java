package dev.hafs.exporter.reload;

import dev.hafs.exporter.parse.DatasetFolderParser;
import dev.hafs.exporter.parse.DatasetResult;
import dev.hafs.exporter.parse.Datasets;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.SkippedRecords;
import dev.hafs.exporter.read.DatasetFiles;
import dev.hafs.exporter.read.DatasetsDirectory;
import dev.hafs.exporter.read.FileStamp;
import dev.hafs.exporter.read.ReadResult;
import dev.hafs.exporter.read.SourceReader;
import dev.hafs.exporter.snapshot.FailureReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets directory as one source. HAFS adds a folder per curation and never changes it
 * afterwards, so a load re-reads only what changed: the directory is listed again only when its own
 * stamp moved (a folder added or removed), and a folder's files are parsed again only when their
 * stamps moved; every other folder's last result is reused. A rescan of 1,000 unchanged folders
 * costs a stat of each one's three files, and serves nothing new.
 *
 * <p>Memory follows --datasets.limit: the listing remembers only the newest folders, and only their
 * results are kept. A folder that is missing stats.json or metadata.json, or whose files do not parse,
 * is skipped and counted, and read again once its files change.
 */
final class DatasetsLoad implements SourceLoad {
    private final Path directory;
    private final SourceReader reader;
    private final DatasetFolderParser parser;
    private final HafsTimestamps timestamps;
    private final int limit;

    private Optional<FileStamp> listedAt = Optional.empty();
    private DatasetsDirectory.Listing listing;
    private final Map<String, Folder> folders = new HashMap<>();
    private Version pending;
    private Version served;

    /** A folder's result and the stamps of the files it was read from. */
    private record Folder(DatasetsDirectory.FolderStamp stamp, DatasetResult result) {
    }

    /** What a load saw: the count and each looked-at folder's stamps; equal versions serve the same content. */
    private record Version(long found, List<Object> folders) {
    }

    DatasetsLoad(Path directory, SourceReader reader, DatasetFolderParser parser, HafsTimestamps timestamps, int limit) {
        this.directory = directory;
        this.reader = reader;
        this.parser = parser;
        this.timestamps = timestamps;
        this.limit = limit;
    }

    /** Only a load can tell, folder by folder; it answers {@link LoadOutcome.Unchanged} when nothing moved. */
    @Override
    public boolean mayHaveChanged(Optional<Object> lastStamp) {
        return true;
    }

    @Override
    public LoadOutcome load(boolean force) {
        if (force) {
            folders.clear();
            listing = null;
            served = null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget();
            return new LoadOutcome.Missing();
        } catch (IOException e) {
            return failed("cannot look at it: " + SourceReader.describe(e));
        }
        if (!attributes.isDirectory()) {
            forget();
            return failed("it is not a directory");
        }
        // The stamp before the listing: a folder added while it runs moves the stamp, so the next load lists again.
        Optional<FileStamp> stamp = reader.stamp(directory);
        if (listing == null || stamp.isEmpty() || !stamp.equals(listedAt)) {
            try {
                listing = DatasetsDirectory.list(directory, limit, timestamps::fromFolderName);
            } catch (IOException e) {
                listing = null;
                return failed("cannot list it: " + SourceReader.describe(e));
            }
            listedAt = stamp;
        }
        return readFolders(force);
    }

    @Override
    public void served(boolean served) {
        this.served = served ? pending : null;
    }

    private LoadOutcome readFolders(boolean force) {
        List<DatasetResult.Whole> whole = new ArrayList<>();
        SkippedRecords.Builder skipped = new SkippedRecords.Builder();
        List<Object> stamps = new ArrayList<>();
        Set<String> looked = new HashSet<>();
        boolean torn = false;
        for (DatasetsDirectory.Folder folder : listing.newestFirst()) {
            looked.add(folder.name());
            DatasetsDirectory.FolderStamp stamp = DatasetsDirectory.stamp(reader, folder.path());
            Folder known = folders.get(folder.name());
            DatasetResult result;
            if (known != null && known.stamp().equals(stamp)) {
                result = known.result();
            } else {
                result = read(folder, stamp);
                if (result == null) {
                    // Rewritten while read: left for the next read, which comes after the debounce.
                    torn = true;
                    folders.remove(folder.name());
                    result = new DatasetResult.Skipped(describe(folder, "its files changed while they were read"));
                } else {
                    folders.put(folder.name(), new Folder(stamp, result));
                }
            }
            stamps.add(folder.name());
            stamps.add(stamp);
            switch (result) {
                case DatasetResult.Whole loaded -> whole.add(loaded);
                case DatasetResult.Skipped left -> skipped.add(left.message());
            }
        }
        folders.keySet().retainAll(looked);
        Version version = new Version(listing.found(), stamps);
        if (!force && !torn && version.equals(served)) {
            return new LoadOutcome.Unchanged(Optional.of(version));
        }
        pending = torn ? null : version;
        Datasets datasets = Datasets.of(listing.found(), listing.found() - listing.newestFirst().size(), whole);
        return new LoadOutcome.Loaded(new ParseResult(datasets, skipped.build()), Optional.of(version), torn);
    }

    /** The folder's result, or null when one of its files changed while it was read. */
    private DatasetResult read(DatasetsDirectory.Folder folder, DatasetsDirectory.FolderStamp stamp) {
        if (stamp.stats().isEmpty()) {
            return new DatasetResult.Skipped(describe(folder, DatasetFiles.STATS + " is missing (not written yet?)"));
        }
        if (stamp.metadata().isEmpty()) {
            return new DatasetResult.Skipped(describe(folder, DatasetFiles.METADATA + " is missing (not written yet?)"));
        }
        List<InputStream> open = new ArrayList<>(3);
        try {
            for (String file : DatasetFiles.ALL) {
                if (file.equals(DatasetFiles.REJECTION_SUMMARY) && stamp.rejectionSummary().isEmpty()) {
                    open.add(null);
                    continue;
                }
                switch (reader.open(folder.path().resolve(file))) {
                    case ReadResult.Opened opened -> open.add(opened.content());
                    case ReadResult.Missing missing -> {
                        return null;
                    }
                    case ReadResult.Unreadable unreadable -> {
                        return new DatasetResult.Skipped(describe(folder, file + ": " + unreadable.message()));
                    }
                }
            }
            DatasetResult result = parser.parse(folder.name(), open.get(0), open.get(1), open.get(2));
            return DatasetsDirectory.stamp(reader, folder.path()).equals(stamp) ? result : null;
        } catch (MalformedSourceException e) {
            // Half-written or malformed: which one shows when the files change again.
            return DatasetsDirectory.stamp(reader, folder.path()).equals(stamp)
                    ? new DatasetResult.Skipped(describe(folder, e.getMessage())) : null;
        } catch (Throwable e) {
            // One folder's failure (an I/O error, the heap or stack running out) leaves the others loaded.
            return new DatasetResult.Skipped(describe(folder, LoadFailure.ofParse(e).message()));
        } finally {
            for (InputStream in : open) {
                closeQuietly(in);
            }
        }
    }

    /** An I/O failure of the directory as a whole, retried like a half-written file's; nothing stays "unchanged" after it. */
    private LoadOutcome failed(String problem) {
        served = null;
        return new LoadOutcome.Failed(new LoadFailure(FailureReason.IO, problem, true), Optional.empty());
    }

    private static String describe(DatasetsDirectory.Folder folder, String problem) {
        return "dataset \"" + folder.name() + "\": " + problem;
    }

    private void forget() {
        listing = null;
        listedAt = Optional.empty();
        folders.clear();
        served = null;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // A stream that was only read from: nothing was lost.
            }
        }
    }
}
