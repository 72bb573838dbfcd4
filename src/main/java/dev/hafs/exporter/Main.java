package dev.hafs.exporter;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.cli.UsageException;
import dev.hafs.exporter.http.HealthCheck;
import dev.hafs.exporter.logging.LogSetup;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** The command: parse flags, set up logging, run until SIGTERM or SIGINT. */
public final class Main {
    private static final String PROGRAM = "hafs-training-exporter";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
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
        BuildInfo build = BuildInfo.load();
        if (config.version()) {
            System.out.println(PROGRAM + " version " + build.version() + " (revision " + build.revision() + ")"
                    + "\n  java: " + Runtime.version());
            return;
        }
        LogSetup.configure(config.logLevel(), config.logFormat());
        HafsTrainingExporter exporter;
        try {
            exporter = HafsTrainingExporter.start(config);
        } catch (RuntimeException e) {
            System.err.println(PROGRAM + ": error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exporter.close();
            stopped.countDown();
        }, "hafs-shutdown"));
        stopped.await();
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
