package dev.hafs.exporter.testing;

import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter as its own process, started the way the README starts it (its JVM options, read from
 * the README's quick start so they cannot drift), with standard error kept in a file for the test
 * to read as records. It listens on an ephemeral port, read from its "listening" log record.
 */
public final class ExporterProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("\"?msg\"?[=:]\"?listening\"?.*127\\.0\\.0\\.1:(\\d+)");
    private static final String QUICK_START_PREFIX = "./mvnw -q -B -DskipTests package && java ";

    private final Process process;
    private final Path stderr;
    private final Path stdout;
    private int port;

    private ExporterProcess(Process process, Path stderr, Path stdout) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = stdout;
    }

    /** The JVM options of the README's quick start command, between {@code java} and {@code -jar}. */
    public static List<String> readmeJvmOptions() {
        try {
            for (String line : Files.readAllLines(Path.of("README.md"))) {
                if (line.startsWith(QUICK_START_PREFIX)) {
                    String options = line.substring(QUICK_START_PREFIX.length(), line.indexOf(" -jar "));
                    return Arrays.asList(options.trim().split(" +"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("README.md has no quick start line starting with " + QUICK_START_PREFIX);
    }

    /** Runs {@code mainClass} from the test class path (test classes included, for mains that inject faults). */
    public static ExporterProcess onClassPath(List<String> jvmOptions, Class<?> mainClass, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return start(command, workDir);
    }

    public static ExporterProcess command(List<String> jvmOptions, Path workDir, String... args) {
        return onClassPath(jvmOptions, Main.class, workDir, args);
    }

    /** Runs the shaded jar that `./mvnw package` built: only in integration tests, after packaging. */
    public static ExporterProcess jar(List<String> jvmOptions, Path jar, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return start(command, workDir);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static ExporterProcess start(List<String> command, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path stderr = Files.createTempFile(workDir, "exporter-", ".stderr");
            Path stdout = Files.createTempFile(workDir, "exporter-", ".stdout");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            return new ExporterProcess(process, stderr, stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the "listening" record (after the first scan), failing early if the process dies. */
    public int port() {
        if (port == 0) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive() && listeningPort() == 0) {
                    throw new AssertionError("the exporter exited with " + process.exitValue() + " before listening:\n" + stderrText());
                }
                return listeningPort() != 0;
            });
            port = listeningPort();
        }
        return port;
    }

    private int listeningPort() {
        for (String line : stderrLines()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }

    public ExporterClient client() {
        return new ExporterClient(port());
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Sends a real signal, as an operator's {@code kill -s NAME} does. */
    public void signal(String name) {
        ExternalTool.Result kill = ExternalTool.runProcess(List.of("kill", "-s", name, Long.toString(process.pid())), null);
        if (kill.exitCode() != 0) {
            throw new AssertionError("kill -s " + name + " failed: " + kill.output());
        }
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the exporter did not exit within " + timeout + ":\n" + stderrText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Complete lines only: the last one may still be being written. */
    public List<String> stderrLines() {
        String text = stderrText();
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    public String stderrText() {
        return read(stderr);
    }

    /** What the JVM itself prints there, e.g. "Terminating due to java.lang.OutOfMemoryError"; the exporter writes nothing. */
    public String stdoutText() {
        return read(stdout);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
