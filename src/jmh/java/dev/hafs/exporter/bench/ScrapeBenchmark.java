package dev.hafs.exporter.bench;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.metrics.ExporterRegistry;
import dev.hafs.exporter.metrics.TrainingSnapshotCollector;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.read.SourceFile;
import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * The CPU one /metrics request costs inside the exporter, without HTTP: what the registry does
 * for every scrape of an unchanged snapshot. Sets the ceiling for the wrk figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-XX:+UseSerialGC"})
public class ScrapeBenchmark {
    @Param({"realistic", "large"})
    public String size;

    private ExporterRegistry registry;

    @Setup
    public void setUp() throws Exception {
        Instant now = Instant.now();
        TrainingSnapshot snapshot = TrainingSnapshot.initial(now).withInitialScanComplete();
        Map<SourceFile, SourceParser> parsers = SourceParsers.forEachFile(50, RecordLimits.DEFAULTS,
                new HafsTimestamps(ZoneOffset.UTC));
        for (SourceFile file : SourceFile.values()) {
            ParseResult result;
            try (InputStream in = Files.newInputStream(BenchFiles.file(size, file.fileName()))) {
                result = parsers.get(file).parse(in);
            }
            SourceState state = snapshot.source(file);
            snapshot = snapshot.with(file, new SourceState(state.status().loaded(now, result.skippedRecords()),
                    Optional.of(result.data())));
        }
        registry = new ExporterRegistry(new TrainingSnapshotCollector(new SnapshotStore(snapshot),
                new BuildInfo("bench", "bench")));
    }

    @Benchmark
    public byte[] textFormat() {
        return registry.scrape("").body();
    }

    @Benchmark
    public byte[] prometheusAccept() {
        return registry.scrape(PROMETHEUS_ACCEPT).body();
    }

    /** What Prometheus 2.x sends by default: OpenMetrics preferred over text 0.0.4. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
}
