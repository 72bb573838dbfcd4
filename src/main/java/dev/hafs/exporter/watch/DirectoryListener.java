package dev.hafs.exporter.watch;

import dev.hafs.exporter.read.Source;

/** What the watcher reports; it never reads a file itself. */
public interface DirectoryListener {
    void sourceChanged(Source source);

    /**
     * Something happened that names no source (an overflow, a symlink swap, the directory itself,
     * campaign.pid, an unknown name): every source is looked at again.
     */
    void rescanNeeded();
}
