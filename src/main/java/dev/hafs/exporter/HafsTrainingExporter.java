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
import dev.hafs.exporter.read.SourceFile;
import dev.hafs.exporter.read.SourceReader;
import dev.hafs.exporter.reload.TrainingReloader;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.watch.DirectoryListener;
import dev.hafs.exporter.watch.TrainingDirectoryWatcher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Assembles the pipeline watch → read → parse → snapshot → metrics → HTTP and owns its lifecycle.
 * The HTTP server starts first so /-/ready can say 503 while the first scan runs.
 */
public final class HafsTrainingExporter implements AutoCloseable {
    private static final Log LOG = Log.of(HafsTrainingExporter.class);
    /** Long enough to coalesce the truncate and the writes of one save, short enough to feel instant. */
    static final Duration DEBOUNCE = Duration.ofMillis(20);
    /** How long a file may stay unparseable before it counts as failing: a slow writer finishes by then. */
    static final Duration SETTLE_TIME = Duration.ofSeconds(2);
    private static final Duration INITIAL_SCAN_TIMEOUT = Duration.ofSeconds(60);

    private final ExporterHttpServer server;
    private final TrainingReloader reloader;
    private final TrainingDirectoryWatcher watcher;

    private HafsTrainingExporter(ExporterHttpServer server, TrainingReloader reloader, TrainingDirectoryWatcher watcher) {
        this.server = server;
        this.reloader = reloader;
        this.watcher = watcher;
    }

    public static HafsTrainingExporter start(ExporterConfig config) {
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.load();
        SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(clock.instant()));
        TrainingSnapshotCollector collector = new TrainingSnapshotCollector(store, build);
        ExporterHttpServer server = ExporterHttpServer.start(config.listenAddress(), config.telemetryPath(),
                config.webConfigFile(), config.pollInterval(), new ScrapeBodies(collector), store, build);

        HafsTimestamps timestamps = new HafsTimestamps(ZoneId.systemDefault());
        Map<SourceFile, SourceParser> parsers = SourceParsers.forEachFile(config.historyWindow(), config.limits(), timestamps);
        TrainingReloader reloader = new TrainingReloader(config.trainingDir(), new SourceReader(config.sourceMaxBytes()),
                parsers, store, new SeriesBudget(collector, config.seriesLimit()), clock, DEBOUNCE, SETTLE_TIME);
        try {
            TrainingDirectoryWatcher watcher = new TrainingDirectoryWatcher(config.trainingDir(), config.pollInterval(),
                    new DirectoryListener() {
                        @Override
                        public void fileChanged(SourceFile file) {
                            reloader.fileChanged(file);
                        }

                        @Override
                        public void rescanNeeded() {
                            reloader.rescan();
                        }
                    });
            // Watch before the first scan, so a save between the two is not missed.
            watcher.start();
            reloader.initialScan(INITIAL_SCAN_TIMEOUT);
            LOG.info("listening", "address", config.listenAddress().host() + ":" + server.port(),
                    "telemetry_path", config.telemetryPath(), "tls", server.tls(), "training_dir", config.trainingDir(),
                    "version", build.version());
            return new HafsTrainingExporter(server, reloader, watcher);
        } catch (IOException | TimeoutException | RuntimeException e) {
            reloader.close();
            server.stop();
            throw new IllegalStateException("cannot start watching " + config.trainingDir() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reloader.close();
            server.stop();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the directory watch failed", "error", e.toString());
        }
        server.stop();
        reloader.close();
    }
}
