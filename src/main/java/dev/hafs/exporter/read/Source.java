package dev.hafs.exporter.read;

import java.util.Optional;

/**
 * What the exporter reads in HAFS's training directory, each with its own {@code hafs_source_*}
 * series: eight JSON files HAFS rewrites in place, and the {@code datasets} directory, one folder
 * per curated dataset. {@code campaign.pid} is not a source: it only names the process that the
 * campaign check looks at ({@link PidFile}).
 */
public enum Source {
    QUALITY_FEEDBACK("quality_feedback.json"),
    ACTIVE_LEARNING("active_learning.json"),
    TRAINING_FEEDBACK("training_feedback.json"),
    PILOT_MONITOR_STATUS("pilot_monitor_status.json"),
    CAMPAIGN_VALIDATION("campaign_validation.json"),
    CAMPAIGN_STATUS("campaign_status.json"),
    CAMPAIGN_MONITOR_STATUS("campaign_monitor_status.json"),
    ORCHESTRATOR_STATE("orchestrator_state.json"),
    DATASETS("datasets");

    private final String fileName;

    Source(String fileName) {
        this.fileName = fileName;
    }

    /** The name in the training directory, which is also the {@code file} label's value. */
    public String fileName() {
        return fileName;
    }

    /** A directory of dataset folders rather than one JSON file. */
    public boolean isDirectory() {
        return this == DATASETS;
    }

    public static Optional<Source> byFileName(String name) {
        for (Source source : values()) {
            if (source.fileName.equals(name)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
