package dev.hafs.exporter.bench;

import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.ActiveLearningParser;
import dev.hafs.exporter.parse.RecordLimits;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
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
 * Streams the file from disk (the page cache, after the first round) as the reloader does; the
 * centroids (768 floats a region) must be skipped, not held, so 128 MB of heap is plenty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx128m", "-XX:+UseSerialGC"})
public class ActiveLearningParserBenchmark {
    @Param({"realistic", "parse-large"})
    public String size;

    private Path file;
    private ActiveLearningParser parser;

    @Setup
    public void setUp() {
        file = BenchFiles.file(size, "active_learning.json");
        parser = new ActiveLearningParser(RecordLimits.DEFAULTS, new HafsTimestamps(ZoneOffset.UTC));
    }

    @Benchmark
    public ParseResult parse() throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in);
        }
    }
}
