package dev.hafs.exporter.read;

import java.util.Optional;

/** The three files HAFS writes into its training directory. */
public enum SourceFile {
    QUALITY_FEEDBACK("quality_feedback.json"),
    ACTIVE_LEARNING("active_learning.json"),
    TRAINING_FEEDBACK("training_feedback.json");

    private final String fileName;

    SourceFile(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static Optional<SourceFile> byFileName(String name) {
        for (SourceFile file : values()) {
            if (file.fileName.equals(name)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
