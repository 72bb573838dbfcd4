package dev.hafs.exporter.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where bench/run.sh put the generated training directories: one per size, named after the size.
 * Forked JMH JVMs inherit the environment but not the host's system properties, hence both.
 */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path file(String size, String fileName) {
        String root = System.getProperty("hafs.bench.data", System.getenv().getOrDefault("HAFS_BENCH_DATA", "target/bench-data"));
        Path path = Path.of(root, size, fileName);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: generate it with bench/gen_training_dir.py"
                    + " (bench/run.sh does) and point HAFS_BENCH_DATA at its parent");
        }
        return path;
    }
}
