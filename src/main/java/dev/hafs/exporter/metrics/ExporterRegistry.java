package dev.hafs.exporter.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer's Prometheus registry (the process's own meters) beside the HAFS collector, and the one
 * way to scrape both: in the exposition format the client's Accept header asks for. The HAFS
 * families are rendered once per snapshot and format and the bytes reused by every scrape until
 * the next reload; the process meters are rendered at most once a second, so a storm of scrapers
 * costs one render. Every body is complete in memory before it is sent.
 */
public final class ExporterRegistry {
    private static final byte[] OPENMETRICS_EOF = "# EOF\n".getBytes(StandardCharsets.UTF_8);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final TrainingSnapshotCollector collector;
    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

    public record Scrape(String contentType, byte[] body) {
    }

    private record Rendered(MetricSnapshots families, byte[] bytes) {
    }

    private record Body(byte[] hafs, long renderedAt, byte[] bytes) {
    }

    /** Process meters may be this old: Prometheus scrapes every few seconds, a scrape storm renders once. */
    private static final long PROCESS_MAX_AGE_NANOS = 1_000_000_000L;
    private final ConcurrentHashMap<String, Body> bodies = new ConcurrentHashMap<>();

    public ExporterRegistry(TrainingSnapshotCollector collector) {
        this.collector = collector;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessMeters().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public Scrape scrape(String acceptHeader) {
        ExpositionFormatWriter writer = formats.findWriter(acceptHeader == null ? "" : acceptHeader);
        String contentType = writer.getContentType();
        byte[] hafs = hafsPart(writer, contentType);
        long now = System.nanoTime();
        Body cached = bodies.get(contentType);
        if (cached != null && cached.hafs() == hafs && now - cached.renderedAt() < PROCESS_MAX_AGE_NANOS) {
            return new Scrape(contentType, cached.bytes());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(hafs.length + 8 * 1024);
        try {
            body.write(hafs);
            writer.write(body, registry.getPrometheusRegistry().scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = body.toByteArray();
        bodies.put(contentType, new Body(hafs, now, bytes));
        return new Scrape(contentType, bytes);
    }

    private byte[] hafsPart(ExpositionFormatWriter writer, String contentType) {
        MetricSnapshots families = collector.collect();
        Rendered last = rendered.get(contentType);
        if (last != null && last.families() == families) {
            return last.bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            writer.write(out, families);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        // OpenMetrics ends with # EOF, which the process meters' part writes again at the very end.
        if (endsWith(bytes, OPENMETRICS_EOF)) {
            bytes = Arrays.copyOf(bytes, bytes.length - OPENMETRICS_EOF.length);
        }
        rendered.put(contentType, new Rendered(families, bytes));
        return bytes;
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }
}
