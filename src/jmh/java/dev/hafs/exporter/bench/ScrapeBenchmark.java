package dev.hafs.exporter.bench;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.metrics.BodyBytes;
import dev.hafs.exporter.metrics.ExpositionFormat;
import dev.hafs.exporter.metrics.ScrapeBodies;
import dev.hafs.exporter.metrics.SeriesBudget;
import dev.hafs.exporter.metrics.TrainingSnapshotCollector;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU one /metrics request costs inside the exporter, without HTTP. {@code cached*}: a scrape
 * within a second of the last one of the same snapshot (a scrape storm). {@code render*}: a scrape
 * that renders, as every Prometheus scrape does (its interval is longer than the 1 s the body is
 * kept), with the snapshot's HAFS families already translated by the reload; {@code *Virtual}: on a
 * virtual thread, where Helidon runs handlers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-XX:+UseSerialGC"})
public class ScrapeBenchmark {
    @Param({"realistic", "large"})
    public String size;

    private SnapshotStore store;
    private ScrapeBodies bodies;

    @Setup
    public void setUp() throws Exception {
        Instant now = Instant.now();
        TrainingSnapshot snapshot = TrainingSnapshot.initial(now).withInitialScanComplete();
        store = new SnapshotStore(snapshot);
        TrainingSnapshotCollector collector = new TrainingSnapshotCollector(store, new BuildInfo("bench", "bench"));
        SeriesBudget budget = new SeriesBudget(collector, Integer.MAX_VALUE);
        Map<Source, SourceParser> parsers = SourceParsers.forEachFile(50, RecordLimits.DEFAULTS,
                new HafsTimestamps(ZoneOffset.UTC));
        // The three files the benchmark data has; the other sources stay not scanned.
        for (Source file : List.of(Source.QUALITY_FEEDBACK, Source.ACTIVE_LEARNING, Source.TRAINING_FEEDBACK)) {
            ParseResult result;
            try (InputStream in = Files.newInputStream(BenchFiles.file(size, file.fileName()))) {
                result = parsers.get(file).parse(in);
            }
            SourceState state = snapshot.source(file);
            snapshot = snapshot.with(file, new SourceState(state.status().loaded(now, result.skippedRecords()),
                    Optional.of(result.data())));
            // As the reloader does: the budget translates the candidate, the swap publishes it.
            TrainingSnapshot candidate = snapshot;
            budget.refusal(candidate);
            store.update(current -> candidate);
        }
        bodies = new ScrapeBodies(collector);
    }

    @Benchmark
    public BodyBytes cachedText() {
        return bodies.body(ExpositionFormat.TEXT).identity();
    }

    @Benchmark
    public BodyBytes cachedTextGzip() {
        return bodies.body(ExpositionFormat.TEXT).gzip();
    }

    @Benchmark
    public BodyBytes renderText() {
        changeSnapshot();
        return bodies.body(ExpositionFormat.TEXT).identity();
    }

    @Benchmark
    public BodyBytes renderTextGzip() {
        changeSnapshot();
        return bodies.body(ExpositionFormat.TEXT).gzip();
    }

    @Benchmark
    public BodyBytes renderTextVirtual() throws InterruptedException {
        return onVirtualThread(this::renderText);
    }

    /** What Prometheus's scrape costs: OpenMetrics (its default Accept), gzip, on Helidon's virtual thread. */
    @Benchmark
    public BodyBytes renderOpenMetricsGzipVirtual() throws InterruptedException {
        return onVirtualThread(() -> {
            changeSnapshot();
            return bodies.body(ExpositionFormat.OPENMETRICS).gzip();
        });
    }

    /** A new snapshot object with the same content: what a reload or the 1 s expiry costs, minus the parse. */
    private void changeSnapshot() {
        store.update(TrainingSnapshot::withInitialScanComplete);
    }

    private static BodyBytes onVirtualThread(Supplier<BodyBytes> scrape) throws InterruptedException {
        AtomicReference<BodyBytes> body = new AtomicReference<>();
        Thread.ofVirtual().start(() -> body.set(scrape.get())).join();
        return body.get();
    }
}
