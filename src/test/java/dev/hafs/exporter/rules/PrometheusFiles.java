package dev.hafs.exporter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The repository's prometheus/ folder and the tools that judge it (promtool, amtool). The tools are
 * required, not optional: CI installs them, and a skipped check would let a broken rule ship.
 */
final class PrometheusFiles {
    private static final String INSTALL = "apt-get install prometheus prometheus-alertmanager";

    static final Path ROOT = repositoryRoot();
    static final Path PROMETHEUS = ROOT.resolve("prometheus");

    private PrometheusFiles() {
    }

    static List<Path> ruleFiles() {
        return listed(PROMETHEUS.resolve("rules"), ".yml");
    }

    static List<Path> ruleTestFiles() {
        return listed(PROMETHEUS.resolve("tests"), ".test.yml");
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString();
    }

    private static List<Path> listed(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> matching = files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
            assertThat(matching).as("*%s files in %s", suffix, directory).isNotEmpty();
            return matching;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tool started from the repository root, its output going to a file rather than a pipe. */
    record Run(List<String> command, Process process, Path log) {
        static Run start(List<String> command) {
            requireInstalled(command.getFirst());
            try {
                Path log = Files.createTempFile("prometheus-files", ".log");
                // A file, not a pipe: a tool that hangs cannot block the read, so the wait stays bounded.
                Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                return new Run(command, process, log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the tool and returns its output; fails with that output unless it exited 0. */
        String awaitSuccess() throws InterruptedException, IOException {
            try {
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail("%s did not finish within 2 minutes:%n%s", String.join(" ", command), output());
                }
                String output = output();
                assertThat(process.exitValue()).as("%s exited with %d:%n%s", String.join(" ", command),
                        process.exitValue(), output).isZero();
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        }

        private String output() throws IOException {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        }
    }

    static String assertSucceeds(List<String> command) throws InterruptedException, IOException {
        return Run.start(command).awaitSuccess();
    }

    private static void requireInstalled(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return;
            }
        }
        fail("%s is not installed (not on PATH); install it with: %s", tool, INSTALL);
    }

    // Maven runs tests from the project root; walking up also finds it from a module or IDE directory.
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("prometheus/rules")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml and prometheus/rules) above "
                + Path.of("").toAbsolutePath());
    }
}
