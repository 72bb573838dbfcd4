package dev.hafs.exporter.parse;

/**
 * The file as a whole cannot be used. {@link Kind#SYNTAX} is what a half-written file looks like, so
 * callers retry before believing it; {@link Kind#SCHEMA} means valid JSON of the wrong shape.
 */
public final class MalformedSourceException extends Exception {
    public enum Kind { SYNTAX, SCHEMA }

    private final Kind kind;

    public MalformedSourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MalformedSourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
