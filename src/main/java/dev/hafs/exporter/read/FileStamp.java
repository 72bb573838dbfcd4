package dev.hafs.exporter.read;

import java.nio.file.attribute.FileTime;

/**
 * What tells two versions of a file apart without reading it: size, modification time and the
 * file's identity (inode), which changes when an atomic writer renames a new file over the old.
 */
public record FileStamp(long size, FileTime modified, Object fileKey) {
}
