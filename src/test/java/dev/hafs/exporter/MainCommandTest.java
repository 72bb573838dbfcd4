package dev.hafs.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.testing.ExternalTool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command as a shell runs it, in a separate JVM: exit codes and what lands on the terminal. */
class MainCommandTest {
    private static ExternalTool.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return ExternalTool.runProcess(command, null);
    }

    @Test
    void aBadFlagPrintsOneLineAndExitsWithTwo() {
        ExternalTool.Result result = run("--web.listen-address=nowhere");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).isEqualTo(
                "hafs-training-exporter: error: --web.listen-address: \"nowhere\" is not [host]:port (e.g. :9746 or 127.0.0.1:9746)\n");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        ExternalTool.Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("--training.dir=VALUE", "(default: ~/.context/training) [$HAFS_TRAINING_DIR]",
                "--web.listen-address=VALUE", "(default: :9746)", "--web.telemetry-path=VALUE", "--web.config.file=VALUE", "--history.window=VALUE",
                "--watch.poll-interval=VALUE", "--source.max-bytes=VALUE", "--runs.limit=VALUE", "--generators.limit=VALUE", "--regions.limit=VALUE", "--series.limit=VALUE", "(default: 20000)", "--log.level=VALUE", "--log.format=VALUE",
                "--version", "--help");
    }

    @Test
    void dashHIsHelp() {
        ExternalTool.Result shortForm = run("-h");

        assertThat(shortForm.exitCode()).isZero();
        assertThat(shortForm.output()).isEqualTo(run("--help").output()).contains("  -h, --help\n");
    }

    @Test
    void versionNamesTheProgramAndItsVersion() {
        ExternalTool.Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("hafs-training-exporter version ");
    }
}
