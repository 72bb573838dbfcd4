package dev.hafs.exporter;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.http.ExporterHttpServer;
import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.metrics.ScrapeBodies;
import dev.hafs.exporter.metrics.SeriesBudget;
import dev.hafs.exporter.metrics.TrainingSnapshotCollector;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.ProcessTable;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.reload.SourceLoads;
import dev.hafs.exporter.reload.TrainingReloader;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.watch.DirectoryListener;
import dev.hafs.exporter.watch.TrainingDirectoryWatcher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Assembles the pipeline watch → read → parse → snapshot → metrics → HTTP and owns its lifecycle.
 * The HTTP server starts first so /-/ready can say 503 while the first scan runs.
 *
 * <p>The stages survive whatever one file or one task throws. When a stage still cannot go on (the
 * directory watch or the reload thread failing round after round, the HTTP listener refusing
 * connections), the exporter says so: an error in the log, /-/healthy answers 503 with the reason, and
 * {@link #failure()} completes, on which {@link Main} shuts the process down with exit code 1 so that
 * systemd, Docker or Kubernetes start a fresh one.
 */
public final class HafsTrainingExporter implements AutoCloseable {
    private static final Log LOG = Log.of(HafsTrainingExporter.class);
    /** Long enough to coalesce the truncate and the writes of one save, short enough to feel instant. */
    static final Duration DEBOUNCE = Duration.ofMillis(20);
    /** How long a file may stay unparseable before it counts as failing: a slow writer finishes by then. */
    static final Duration SETTLE_TIME = Duration.ofSeconds(2);
    private static final Duration INITIAL_SCAN_TIMEOUT = Duration.ofSeconds(60);

    /** Where tests put a failing part into a real exporter; production runs {@link #NONE}. */
    record Interposers(BiFunction<Source, SourceParser, SourceParser> parser, UnaryOperator<DirectoryListener> listener) {
        static final Interposers NONE = new Interposers((file, parser) -> parser, UnaryOperator.identity());
    }

    private final ExporterHttpServer server;
    private final TrainingReloader reloader;
    private final TrainingDirectoryWatcher watcher;
    private final ListenerProbe probe;
    private final Failure failure;

    private HafsTrainingExporter(ExporterHttpServer server, TrainingReloader reloader, TrainingDirectoryWatcher watcher,
            ListenerProbe probe, Failure failure) {
        this.server = server;
        this.reloader = reloader;
        this.watcher = watcher;
        this.probe = probe;
        this.failure = failure;
    }

    public static HafsTrainingExporter start(ExporterConfig config) {
        return start(config, Interposers.NONE);
    }

    static HafsTrainingExporter start(ExporterConfig config, Interposers interposers) {
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.load();
        SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(clock.instant()));
        Failure failure = new Failure(store);
        TrainingSnapshotCollector collector = new TrainingSnapshotCollector(store, build);
        ExporterHttpServer server = ExporterHttpServer.start(config.listenAddresses(), config.telemetryPath(),
                config.webConfigFile(), config.pollInterval(), new ScrapeBodies(collector), store, build);

        HafsTimestamps timestamps = new HafsTimestamps(ZoneId.systemDefault());
        Map<Source, SourceParser> parsers = new EnumMap<>(Source.class);
        SourceParsers.forEachFile(config.historyWindow(), config.limits(), timestamps)
                .forEach((source, parser) -> parsers.put(source, interposers.parser().apply(source, parser)));
        SourceLoads loads = SourceLoads.of(config.trainingDir(), config.sourceMaxBytes(), parsers, timestamps,
                config.limits().datasets(), config.campaignProcessCheck() ? Optional.of(new ProcessTable()) : Optional.empty());
        TrainingReloader reloader = new TrainingReloader(loads, store, new SeriesBudget(collector, config.seriesLimit()),
                clock, DEBOUNCE, SETTLE_TIME,
                (thread, error) -> failure.report("the reload stage stopped: its tasks failed again and again", error));
        try {
            DirectoryListener toReloader = new DirectoryListener() {
                @Override
                public void sourceChanged(Source source) {
                    reloader.sourceChanged(source);
                }

                @Override
                public void rescanNeeded() {
                    reloader.rescan();
                }
            };
            TrainingDirectoryWatcher watcher = new TrainingDirectoryWatcher(config.trainingDir(), config.pollInterval(),
                    interposers.listener().apply(toReloader), TrainingDirectoryWatcher.Registration.INOTIFY,
                    (thread, error) -> failure.report("the directory watch stopped: it failed again and again", error));
            // Watch before the first scan, so a save between the two is not missed.
            watcher.start();
            reloader.initialScan(INITIAL_SCAN_TIMEOUT);
            // The first listener stands for all: Helidon's accept loops share one failure mode.
            ListenerProbe probe = new ListenerProbe(config.listenAddress().host(), server.port(),
                    () -> failure.report("the HTTP listener stopped taking connections", null));
            LOG.info("listening", "address", String.join(",", server.addresses()),
                    "telemetry_path", config.telemetryPath(), "tls", server.tls(), "training_dir", config.trainingDir(),
                    "version", build.version());
            return new HafsTrainingExporter(server, reloader, watcher, probe, failure);
        } catch (IOException | RuntimeException e) {
            failure.closing = true;
            reloader.close();
            server.stop();
            throw new IllegalStateException("cannot start watching " + config.trainingDir() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.closing = true;
            reloader.close();
            server.stop();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    public int port() {
        return server.port();
    }

    /** Completes with the reason once a stage cannot go on; never while the exporter works. */
    CompletableFuture<String> failure() {
        return failure.reason;
    }

    /** SIGHUP, as Prometheus takes it: re-read the web config and every training file. */
    public void reload() {
        LOG.info("reloading: re-reading the web config and every file in the training directory");
        server.reloadWebConfig();
        reloader.reloadAll();
    }

    @Override
    public void close() {
        failure.closing = true;
        probe.close();
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the directory watch failed", "error", e.toString());
        }
        server.stop();
        reloader.close();
    }

    /** The first stage that cannot go on: its reason is the one /-/healthy and the log give. */
    private static final class Failure {
        private final SnapshotStore store;
        private final CompletableFuture<String> reason = new CompletableFuture<>();
        /** Stages stop one by one while the exporter closes; that is not a failure. */
        private volatile boolean closing;

        Failure(SnapshotStore store) {
            this.store = store;
        }

        void report(String why, Throwable error) {
            if (closing || reason.isDone()) {
                return;
            }
            store.update(snapshot -> snapshot.withUnhealthy(why));
            try {
                LOG.error("the exporter cannot go on: /-/healthy answers 503 and the process shuts down to be restarted",
                        error, "reason", why);
            } finally {
                reason.complete(why);
            }
        }
    }
}
