package dev.hafs.exporter.cli;

/** A flag or value the user got wrong; the message is the one line they see before exit code 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
