package dev.hafs.exporter;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.cli.UsageException;
import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.http.HealthCheck;
import dev.hafs.exporter.logging.LogSetup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import sun.misc.Signal;

/**
 * The command: parse flags, set up logging, and run until SIGTERM or SIGINT (exit 0, after the
 * in-flight requests are answered) or until a stage cannot go on (exit 1, so that a supervisor
 * restarts it). SIGHUP re-reads the web config and every training file, as Prometheus does.
 */
public final class Main {
    private static final String PROGRAM = "hafs-training-exporter";
    private static final Log LOG = Log.of(Main.class);
    /** Long enough for a probe or a person to read /-/healthy's reason, short enough for a prompt restart. */
    static final Duration UNHEALTHY_BEFORE_EXIT = Duration.ofSeconds(2);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(HealthCheck.COMMAND)) {
            System.exit(healthCheck(Arrays.asList(args).subList(1, args.length)));
        }
        ExporterConfig config;
        try {
            config = ExporterConfig.parse(Arrays.asList(args), System.getenv());
        } catch (UsageException e) {
            System.err.println(PROGRAM + ": error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.help()) {
            System.out.print(ExporterConfig.usage());
            return;
        }
        if (config.version()) {
            BuildInfo build = BuildInfo.load();
            System.out.println(PROGRAM + " version " + build.version() + " (revision " + build.revision() + ")"
                    + "\n  java: " + Runtime.version());
            return;
        }
        serve(config, HafsTrainingExporter::start);
    }

    /** Runs one exporter as the process's whole life; returns only through System.exit. */
    static void serve(ExporterConfig config, Function<ExporterConfig, HafsTrainingExporter> starter) {
        // A refused start is one plain line, like a bad flag; from here on System.err feeds the log.
        PrintStream terminal = System.err;
        LogSetup.configure(config.logLevel(), config.logFormat());
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                LOG.error("a thread ended with an uncaught error", error, "thread", thread.getName()));
        HafsTrainingExporter exporter;
        try {
            exporter = starter.apply(config);
        } catch (RuntimeException e) {
            terminal.println(PROGRAM + ": error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Shutdown shutdown = new Shutdown(exporter);
        onSignal("TERM", () -> shutdown.exit("SIGTERM", 0));
        onSignal("INT", () -> shutdown.exit("SIGINT", 0));
        onSignal("HUP", exporter::reload);
        // Any other way out (System.exit elsewhere) still stops serving cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "hafs-shutdown"));

        String reason = exporter.failure().join();
        try {
            Thread.sleep(UNHEALTHY_BEFORE_EXIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown.exit(reason, 1);
    }

    /** Replaces the JVM's own handling of the signal; a JVM run with -Xrs keeps its default. */
    private static void onSignal(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), signal -> {
                try {
                    action.run();
                } catch (Throwable e) {
                    LOG.error("handling SIG" + name + " failed", e);
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIG" + name + " keeps the JVM's default handling", "error", e.getMessage());
        }
    }

    /** One graceful stop, logged when it begins and when it is done, whoever asks first. */
    private static final class Shutdown {
        private final HafsTrainingExporter exporter;

        Shutdown(HafsTrainingExporter exporter) {
            this.exporter = exporter;
        }

        synchronized void exit(String cause, int exitCode) {
            long started = System.nanoTime();
            LOG.info("shutting down, finishing the requests in flight", "cause", cause);
            exporter.close();
            LOG.info("shut down", "took", Duration.ofNanos(System.nanoTime() - started), "exit_code", exitCode);
            System.exit(exitCode);
        }
    }

    private static int healthCheck(java.util.List<String> args) {
        try {
            return HealthCheck.run(args, System.getenv(), System.out);
        } catch (UsageException e) {
            System.err.println(PROGRAM + ": error: " + e.getMessage());
            return 2;
        }
    }
}
