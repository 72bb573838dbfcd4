package dev.hafs.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real command-line tool (promtool, the exporter's own jar) with a bounded wait. A tool that
 * is not installed fails the test with what to install: CI installs it, so a skip would hide a gap.
 */
public record ExternalTool(String command, String installHint) {
    public record Result(int exitCode, String output) {
    }

    public Result run(String stdin, List<String> args) {
        requireInstalled();
        List<String> commandLine = new java.util.ArrayList<>();
        commandLine.add(command);
        commandLine.addAll(args);
        return runProcess(commandLine, stdin);
    }

    public static Result runProcess(List<String> commandLine, String stdin) {
        try {
            Process process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(commandLine + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void requireInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, command))) {
                return;
            }
        }
        throw new AssertionError(command + " is not installed; " + installHint);
    }
}
