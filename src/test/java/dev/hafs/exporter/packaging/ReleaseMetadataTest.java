package dev.hafs.exporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.Main;
import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One version everywhere a user reads it: the pom, --version, the image label, the manifests, the changelog. */
class ReleaseMetadataTest {
    private static final String VERSION = ExporterImage.pomVersion();

    @Test
    void versionIsARelease() {
        assertThat(VERSION).matches("\\d+\\.\\d+\\.\\d+").isEqualTo("1.0.0");
    }

    @Test
    void theCommandPrintsThePomsVersion() {
        ExternalTool.Result result = ExternalTool.runProcess(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version"), null);

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("hafs-training-exporter version " + VERSION + " (revision ");
    }

    @Test
    void theImageTheManifestsAndTheChangelogCarryIt() throws IOException {
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("ARG VERSION=" + VERSION + "\n");
        assertThat(Files.readString(Path.of("deploy/kubernetes/base/kustomization.yaml"))).contains("newTag: \"" + VERSION + "\"");
        assertThat(Files.readString(Path.of("deploy/kubernetes/overlays/daemonset/kustomization.yaml"))).contains("newTag: \"" + VERSION + "\"");
        assertThat(Files.readString(Path.of("CHANGELOG.md"))).containsPattern("(?m)^## \\[" + VERSION.replace(".", "\\.")
                + "] - \\d{4}-\\d{2}-\\d{2}$").contains("## [Unreleased]");
    }

    @Test
    void theLicenseIsApache2() throws IOException {
        assertThat(Files.readString(Path.of("LICENSE"))).contains("Apache License", "Version 2.0, January 2004",
                "END OF TERMS AND CONDITIONS");
    }
}
