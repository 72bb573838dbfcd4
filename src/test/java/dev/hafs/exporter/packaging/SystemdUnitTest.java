package dev.hafs.exporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/systemd: systemd itself judges the unit (any warning fails, as an unknown key or a bad
 * value is silently ignored at run time), and the unit keeps the hardening and restart policy the
 * README promises, with the image's JVM options.
 */
class SystemdUnitTest {
    private static final Path UNIT = Path.of("packaging/systemd/hafs-training-exporter.service");
    private static final Path ENV = Path.of("packaging/systemd/hafs-training-exporter.env");
    private static final ExternalTool SYSTEMD_ANALYZE = new ExternalTool("systemd-analyze", "apt-get install systemd");

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAWord(@TempDir Path dir) throws IOException {
        Path unit = Files.copy(UNIT, dir.resolve(UNIT.getFileName()));

        ExternalTool.Result result = SYSTEMD_ANALYZE.run(null, List.of("verify", "--man=no", unit.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEmpty();
    }

    @Test
    void theUnitIsHardenedAndRestartsOnFailure() throws IOException {
        String unit = Files.readString(UNIT);

        assertThat(unit).contains("User=hafs-exporter", "Restart=on-failure", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ProtectHome=read-only", "PrivateTmp=yes", "CapabilityBoundingSet=\n", "SystemCallFilter=@system-service",
                "EnvironmentFile=/etc/default/hafs-training-exporter", "$JAVA_OPTS", "$ARGS");
        // The JIT writes the code it runs: this option would stop the JVM.
        assertThat(unit).doesNotContain("MemoryDenyWriteExecute=yes");
        Matcher readOnly = Pattern.compile("(?m)^ReadOnlyPaths=-?(\\S+)$").matcher(unit);
        assertThat(readOnly.find()).as("ReadOnlyPaths=").isTrue();
        assertThat(Files.readString(ENV)).contains("--training.dir=" + readOnly.group(1) + " ");
    }

    @Test
    void theJvmOptionsAreTheImages() throws IOException {
        Matcher options = Pattern.compile("(?m)^JAVA_OPTS=\"([^\"]*)\"$").matcher(Files.readString(ENV));
        assertThat(options.find()).isTrue();

        assertThat(options.group(1)).isEqualTo(String.join(" ", Files.readAllLines(Path.of("docker/image/jvm.options"))))
                .contains("-XX:+ExitOnOutOfMemoryError");
    }
}
