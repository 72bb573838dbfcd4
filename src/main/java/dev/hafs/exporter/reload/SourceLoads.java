package dev.hafs.exporter.reload;

import dev.hafs.exporter.parse.DatasetFolderParser;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.read.ProcessTable;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.read.SourceReader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** How each source of a training directory is read: the JSON files by their parsers, the datasets folder by folder. */
public final class SourceLoads {
    private final Path directory;
    private final Map<Source, SourceLoad> loads;
    private final CampaignProcessCheck processCheck;

    private SourceLoads(Path directory, Map<Source, SourceLoad> loads, CampaignProcessCheck processCheck) {
        this.directory = directory;
        this.loads = loads;
        this.processCheck = processCheck;
    }

    /**
     * {@code parsers} has one for each JSON source; dataset files are read with the smaller of
     * {@code maxBytes} and {@link RecordLimits#DATASET_FILE_BYTES}. Without {@code processes} the
     * campaign's pid is not checked at all (--no-campaign.process-check).
     */
    public static SourceLoads of(Path directory, long maxBytes, Map<Source, SourceParser> parsers, HafsTimestamps timestamps,
            int datasetsLimit, Optional<ProcessTable> processes) {
        SourceReader reader = new SourceReader(maxBytes);
        Map<Source, SourceLoad> loads = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            if (source.isDirectory()) {
                SourceReader datasetFiles = maxBytes < RecordLimits.DATASET_FILE_BYTES ? reader
                        : new SourceReader(RecordLimits.DATASET_FILE_BYTES, "the limit of a dataset's files");
                loads.put(source, new DatasetsLoad(directory.resolve(source.fileName()), datasetFiles,
                        new DatasetFolderParser(timestamps), timestamps, datasetsLimit));
            } else if (parsers.containsKey(source)) {
                loads.put(source, new FileLoad(directory.resolve(source.fileName()), reader, parsers.get(source)));
            } else {
                throw new IllegalArgumentException("no parser for " + source.fileName());
            }
        }
        return new SourceLoads(directory, loads, new CampaignProcessCheck(directory, processes));
    }

    Path directory() {
        return directory;
    }

    SourceLoad get(Source source) {
        return loads.get(source);
    }

    CampaignProcessCheck processCheck() {
        return processCheck;
    }
}
