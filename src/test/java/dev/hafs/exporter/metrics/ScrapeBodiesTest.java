package dev.hafs.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The scrape cache: a body is rendered and compressed once per snapshot and format, for every
 * scrape within a second; a new snapshot shows at once, and the process metrics are never more than
 * about a second old.
 */
class ScrapeBodiesTest {
    private final SnapshotStore store = new SnapshotStore(TrainingSnapshot.initial(Instant.parse("2026-01-02T03:04:05Z")));
    private final ScrapeBodies bodies = new ScrapeBodies(new TrainingSnapshotCollector(store, new BuildInfo("1", "r")));

    @Test
    void scrapesOfOneSnapshotShareOneBodyAndOneCompression() throws IOException {
        ScrapeBody first = bodies.body(ExpositionFormat.TEXT);
        ScrapeBody second = bodies.body(ExpositionFormat.TEXT);

        assertThat(second).isSameAs(first);
        assertThat(second.gzip()).isSameAs(first.gzip());
        assertThat(gunzip(bytes(first.gzip()))).isEqualTo(new String(bytes(first.identity()), StandardCharsets.UTF_8));
        assertThat(bodies.body(ExpositionFormat.OPENMETRICS)).isNotSameAs(first);
    }

    @Test
    void aNewSnapshotIsServedAtOnce() {
        ScrapeBody before = bodies.body(ExpositionFormat.TEXT);
        store.update(TrainingSnapshot::withInitialScanComplete);

        assertThat(bodies.body(ExpositionFormat.TEXT)).isNotSameAs(before);
    }

    @Test
    void theProcessMetricsAreRenderedAgainAfterASecond() {
        ScrapeBody first = bodies.body(ExpositionFormat.TEXT);

        await().atLeast(Duration.ofMillis(900)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> bodies.body(ExpositionFormat.TEXT) != first);
    }

    static byte[] bytes(BodyBytes body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertThat(out.size()).as("the announced length").isEqualTo(body.length());
        return out.toByteArray();
    }

    static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
