package dev.hafs.exporter.snapshot;

/** Where a source file stands; FAILING keeps serving the last good content. */
public enum SourceHealth {
    NOT_SCANNED("not scanned yet"),
    LOADED("loaded"),
    MISSING("missing"),
    FAILING("failing");

    private final String description;

    SourceHealth(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
