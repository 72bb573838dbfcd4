package dev.hafs.exporter.snapshot;

/** Why a file could not be loaded; the values of the {@code reason} label. */
public enum FailureReason {
    IO("io"),
    PARSE("parse"),
    SCHEMA("schema"),
    TOO_LARGE("too_large"),
    /** The content would put more series on /metrics than --series.limit allows. */
    TOO_MANY_SERIES("too_many_series");

    private final String label;

    FailureReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
