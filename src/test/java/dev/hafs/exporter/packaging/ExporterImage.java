package dev.hafs.exporter.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter's image, built from the root Dockerfile once per test run. The bases are the
 * Dockerfile's defaults where a registry serves them, else the local stand-ins that
 * scripts/build-local-images.sh makes ($HAFS_IT_EXPORTER_BUILD_IMAGE, $HAFS_IT_EXPORTER_RUNTIME_IMAGE,
 * set by scripts/run-tests.sh). The tag is per checkout, so two worktrees never share it.
 */
final class ExporterImage {
    static final Path ROOT = Path.of("").toAbsolutePath();
    private static String built;

    private ExporterImage() {
    }

    static synchronized String tag() {
        if (built == null) {
            String tag = "hafs-training-exporter:it-" + Integer.toHexString(ROOT.toString().hashCode());
            Docker.ok("build", "--network", "host", "--force-rm", "-q",
                    "--build-arg", "BUILD_IMAGE=" + setting("HAFS_IT_EXPORTER_BUILD_IMAGE", "local/temurin:25"),
                    "--build-arg", "RUNTIME_IMAGE=" + setting("HAFS_IT_EXPORTER_RUNTIME_IMAGE", "local/distroless-base:bookworm"),
                    "--build-arg", "VERSION=" + pomVersion(),
                    "--build-arg", "REVISION=it",
                    "-t", tag, ROOT.toString());
            built = tag;
        }
        return built;
    }

    /** Lets the image's user (10001) and Prometheus's (nobody) read a test's directory and its files. */
    static void shareWithContainers(Path directory) throws java.io.IOException {
        var readable = java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");
        for (Path parent = directory; parent != null && parent.startsWith(System.getProperty("java.io.tmpdir"));
                parent = parent.getParent()) {
            Files.setPosixFilePermissions(parent, readable);
        }
        try (var files = Files.walk(directory)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, Files.isDirectory(file) ? readable
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String pomVersion() {
        try {
            Matcher version = Pattern.compile("</modelVersion>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                    .matcher(Files.readString(ROOT.resolve("pom.xml")));
            if (!version.find()) {
                throw new AssertionError("no <version> in pom.xml");
            }
            return version.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
