package dev.hafs.exporter.http.security;

/**
 * A web config file that cannot be used, with a message naming the key or file at fault. It is the one
 * line an operator reads before the exporter exits, or in the log when a rewrite is refused.
 */
public final class WebConfigException extends Exception {
    public WebConfigException(String message) {
        super(message);
    }
}
