package dev.hafs.exporter.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real processes in the states a campaign's pid can be found in: running, gone (exited and reaped),
 * and a zombie (exited, its parent alive and not reaping it, as HAFS's launcher leaves a finished
 * campaign). Every process started here is killed on {@link #close()}.
 */
public final class Processes implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    /** A process that runs until closed. */
    public long running() {
        return start("sleep", "300").pid();
    }

    /** The pid of a process that ran and was reaped: nothing has it now. */
    public long gone() {
        Process process = start("true");
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.pid();
    }

    /**
     * A zombie: {@code sleep 0} in the background, whose parent shell then becomes {@code sleep 300}
     * by exec, which never waits for children. Returns once /proc shows it as Z.
     */
    public long zombie() {
        Process parent = start("sh", "-c", "sleep 0 & echo $!; exec sleep 300");
        long pid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
            pid = Long.parseLong(out.readLine().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        });
        return pid;
    }

    private Process start(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void kill(long pid) {
        for (Process process : started) {
            if (process.pid() == pid) {
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.destroyForcibly();
        }
        for (Process process : started) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
