package dev.hafs.exporter.metrics;

import dev.hafs.exporter.snapshot.TrainingSnapshot;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What /metrics serves: one scrape of Micrometer's Prometheus registry, which holds the JVM meters,
 * client_java's standard process metrics and the HAFS collector, in the format asked for. A body is
 * rendered and compressed once per snapshot and format and shared by every scrape for up to a
 * second (the process metrics are at most that old), so a storm of scrapers costs one render.
 */
public final class ScrapeBodies {
    /** Prometheus scrapes every few seconds at most; a scrape storm within one second renders once. */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TrainingSnapshotCollector collector;
    private final Map<ExpositionFormat, Slot> slots = new EnumMap<>(ExpositionFormat.class);

    /** The last body of one format; the lock makes concurrent scrapes of a stale body wait for one render. */
    private static final class Slot {
        final ReentrantLock rendering = new ReentrantLock();
        final String contentType;
        volatile ScrapeBody body;

        Slot(String contentType) {
            this.contentType = contentType;
        }
    }

    public ScrapeBodies(TrainingSnapshotCollector collector) {
        this.collector = collector;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        PrometheusRegistry prometheus = registry.getPrometheusRegistry();
        // process_cpu_seconds_total, process_open_fds, ... under the names node_exporter's users query.
        ProcessMetrics.builder().register(prometheus);
        // The HAFS data is one collector, not a Micrometer Gauge per series: gauges are read one by
        // one during a scrape, so a reload in the middle would show two versions of a file in one
        // scrape; the collector hands over all families of one immutable snapshot at once.
        prometheus.register(collector);
        ExpositionFormats formats = ExpositionFormats.init();
        for (ExpositionFormat format : ExpositionFormat.values()) {
            slots.put(format, new Slot(formats.findWriter(format.accept()).getContentType()));
        }
    }

    public ScrapeBody body(ExpositionFormat format) {
        Slot slot = slots.get(format);
        ScrapeBody body = slot.body;
        if (body != null && body.servesFor(collector.current(), System.nanoTime(), MAX_AGE_NANOS)) {
            return body;
        }
        slot.rendering.lock();
        try {
            // Read before rendering: a reload during the render costs one more render, never a stale body.
            TrainingSnapshot snapshot = collector.current();
            body = slot.body;
            if (body == null || !body.servesFor(snapshot, System.nanoTime(), MAX_AGE_NANOS)) {
                body = RenderThread.call(() -> render(format, slot, snapshot));
                slot.body = body;
            }
            return body;
        } finally {
            slot.rendering.unlock();
        }
    }

    private ScrapeBody render(ExpositionFormat format, Slot slot, TrainingSnapshot snapshot) {
        ScrapeBody.Writer out = new ScrapeBody.Writer();
        long startedAt = System.nanoTime();
        try {
            registry.scrape(out, format.accept());
            return out.body(snapshot, startedAt, slot.contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
