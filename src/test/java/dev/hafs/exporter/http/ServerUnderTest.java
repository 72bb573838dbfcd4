package dev.hafs.exporter.http;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.cli.UsageException;
import dev.hafs.exporter.metrics.ScrapeBodies;
import dev.hafs.exporter.metrics.TrainingSnapshotCollector;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP stage alone, as the exporter starts it, over a snapshot of an empty training directory:
 * for tests that shorten its timeouts or look at its listeners. The only place tests wire it by hand.
 */
record ServerUnderTest(ExporterHttpServer server) implements AutoCloseable {
    static ServerUnderTest start(ConnectionGuard.Limits limits, Optional<Path> webConfig, String... listenAddresses) {
        SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(Instant.now()));
        BuildInfo build = BuildInfo.load();
        return new ServerUnderTest(ExporterHttpServer.start(addresses(listenAddresses), "/metrics", webConfig,
                Duration.ofHours(1), new ScrapeBodies(new TrainingSnapshotCollector(store, build)), store, build, limits));
    }

    static ServerUnderTest start(ConnectionGuard.Limits limits) {
        return start(limits, Optional.empty(), "127.0.0.1:0");
    }

    static List<ListenAddress> addresses(String... texts) {
        List<ListenAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            try {
                addresses.add(ListenAddress.parse("web.listen-address", text));
            } catch (UsageException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return addresses;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
