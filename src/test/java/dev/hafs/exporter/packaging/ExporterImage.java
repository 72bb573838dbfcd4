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

    private static String setting(String variable, String fallback) {
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
