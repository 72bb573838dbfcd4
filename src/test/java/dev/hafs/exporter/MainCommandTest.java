package dev.hafs.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                "--version", "--help", "--[no-]campaign.process-check\n", "(default: true)");
    }

    @Test
    void theReadmesFlagTableListsExactlyTheFlagsOfHelp() throws IOException {
        List<String> helped = run("--help").output().lines().filter(line -> line.startsWith("  -"))
                .map(line -> line.strip().replace("=VALUE", "").replace(" ...", "")).toList();
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("\n## Flags\n"), readme.indexOf("\n## ", readme.indexOf("\n## Flags\n") + 1));
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `(--[^`]+)`(?:, `(-[^`]+)`)? \\|").matcher(table);
        while (row.find()) {
            documented.add(row.group(2) == null ? row.group(1) : row.group(2) + ", " + row.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(helped);
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
