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
    /** The stamp and the type of a file from one stat: a rescan stamps thousands of dataset files. */
    private static final String UNIX = "unix:size,lastModifiedTime,fileKey,ctime,isRegularFile,isDirectory";

    /** A file's stamp and what kind of file it is. */
    record Attributes(FileStamp stamp, boolean regularFile, boolean directory) {
    }

    static Attributes read(Path path) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(path, UNIX);
            return new Attributes(new FileStamp((Long) unix.get("size"), (FileTime) unix.get("lastModifiedTime"), unix.get("fileKey"),
                    unix.get("ctime")), (Boolean) unix.get("isRegularFile"), (Boolean) unix.get("isDirectory"));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
            return new Attributes(new FileStamp(basic.size(), basic.lastModifiedTime(), basic.fileKey(), null), basic.isRegularFile(),
                    basic.isDirectory());
        }
    }
}
