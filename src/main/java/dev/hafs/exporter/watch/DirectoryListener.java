package dev.hafs.exporter.watch;

import dev.hafs.exporter.read.SourceFile;

/** What the watcher reports; it never reads a file itself. */
public interface DirectoryListener {
    void fileChanged(SourceFile file);

    /** Something happened that names no source file (overflow, a symlink swap, the directory itself). */
    void rescanNeeded();
}
