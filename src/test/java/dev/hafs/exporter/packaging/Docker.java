package dev.hafs.exporter.packaging;

import dev.hafs.exporter.testing.ExternalTool;
import java.util.ArrayList;
import java.util.List;

/** The docker CLI, as a user types it; a failed command fails the test with its output. */
final class Docker {
    private static final ExternalTool DOCKER = new ExternalTool("docker", "install docker.io and run scripts/start-docker.sh");

    private Docker() {
    }

    static ExternalTool.Result run(String... args) {
        return DOCKER.run(null, List.of(args));
    }

    static String ok(String... args) {
        ExternalTool.Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output().strip();
    }

    static String inspect(String format, String object) {
        return ok("inspect", "--format", format, object);
    }

    /** Removes containers whatever state they are in; for finally blocks. */
    static void remove(String... containers) {
        List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
        args.addAll(List.of(containers));
        run(args.toArray(String[]::new));
    }
}
