package dev.hafs.exporter.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What tells two versions of a file apart without reading it: size, modification time, the file's
 * identity (inode), which changes when an atomic writer renames a new file over the old, and the
 * change time, which moves when only permissions change (a file made readable again must be retried).
 */
public record FileStamp(long size, FileTime modified, Object fileKey, Object changed) {

    static FileStamp of(Path path, BasicFileAttributes attributes) throws IOException {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey(), changeTime(path));
    }

    private static Object changeTime(Path path) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:ctime");
            return unix.get("ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return null;
        }
    }
}
