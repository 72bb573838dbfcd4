package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.HafsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer rewrites quality_feedback.json in place thousands of times, like Python's write_text
 * (truncate, then the text in chunks with pauses), while scrapers read /metrics. Every version
 * keeps generated = accepted + rejected and gives every generator and the threshold at the
 * other end of the file the same number, so a scrape that mixed two versions, or a half-written file, would show up as an inconsistency.
 */
@Tag("slow")
class TortureWriterTest {
    private static final int VERSIONS = 1000;
    private static final List<String> GENERATORS = List.of("unknown", "baseline", "enhanced_v1");

    @TempDir
    Path dir;

    private static String version(int v) {
        String generators = GENERATORS.stream()
                .map(name -> """
                        "%s": {"samples_generated": %d, "samples_accepted": %d, "samples_rejected": %d,
                          "rejection_reasons": {"low_diversity": %d}, "avg_quality_score": 0.8}"""
                        .formatted(name, 3 * v, v, 2 * v, 2 * v))
                .collect(Collectors.joining(",\n"));
        String history = IntStream.range(0, 300)
                .mapToObj(i -> """
                        {"sample_id": "s%d", "domain": "asm", "generator": "unknown", "reason": "low_diversity",
                         "scores": {"diversity": 0.25, "overall": 0.5}, "timestamp": "2025-12-21T10:30:00.123456"}""".formatted(i))
                .collect(Collectors.joining(",\n"));
        // The version stands at both ends of the file, so a read that splices two versions shows.
        return "{\n\"thresholds\": {\"min_quality_score\": " + v + "},\n\"rejection_history\": [" + history
                + "],\n\"generator_stats\": {" + generators + "}\n}\n";
    }

    @Test
    void everyScrapeIsOneCompleteVersionAndTheLastVersionWins() throws Exception {
        Path file = dir.resolve("quality_feedback.json");
        HafsWriter.write(file, version(1));
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0"))) {
            ExporterClient client = new ExporterClient(exporter.port());
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong scrapes = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(5);
            List<Future<?>> scrapers = IntStream.range(0, 4).<Future<?>>mapToObj(i -> threads.submit(() -> {
                double lastSeen = 0;
                while (writing.get()) {
                    Exposition scrape;
                    try {
                        scrape = client.scrape();
                    } catch (RuntimeException e) {
                        problems.add("scrape failed: " + e);
                        continue;
                    }
                    scrapes.incrementAndGet();
                    double accepted = check(scrape, problems);
                    if (accepted < lastSeen) {
                        problems.add("went back from version " + lastSeen + " to " + accepted);
                    }
                    lastSeen = accepted;
                }
            })).toList();

            SplittableRandom random = new SplittableRandom(42);
            for (int v = 2; v <= VERSIONS; v++) {
                String text = version(v);
                HafsWriter writer = new HafsWriter(file).truncate();
                for (int at = 0; at < text.length(); ) {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(4096));
                    writer.append(text.substring(at, end));
                    at = end;
                    if (random.nextBoolean()) {
                        LockSupport.parkNanos(random.nextInt(500_000));
                    }
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> client.scrape().value("hafs_generator_samples_accepted_total{generator=\"baseline\"}").orElse(0) == VERSIONS);
            writing.set(false);
            for (Future<?> scraper : scrapers) {
                scraper.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();

            assertThat(problems).isEmpty();
            assertThat(scrapes.get()).isGreaterThan(100);
            Exposition last = client.scrape();
            assertThat(check(last, problems)).isEqualTo(VERSIONS);
            assertThat(last.value("hafs_source_up{file=\"quality_feedback.json\"}")).hasValue(1);
        }
        assertThat(Files.exists(file)).isTrue();
    }

    /** Returns the version the scrape shows, noting any inconsistency. */
    private static double check(Exposition scrape, Queue<String> problems) {
        Double version = scrape.value("hafs_quality_threshold{threshold=\"min_quality_score\"}").orElse(Double.NaN);
        for (String generator : GENERATORS) {
            String label = "{generator=\"" + generator + "\"}";
            double generated = scrape.value("hafs_generator_samples_generated_total" + label).orElse(Double.NaN);
            double accepted = scrape.value("hafs_generator_samples_accepted_total" + label).orElse(Double.NaN);
            double rejected = scrape.value("hafs_generator_samples_rejected_total" + label).orElse(Double.NaN);
            if (generated != accepted + rejected) {
                problems.add(generator + ": generated " + generated + " != " + accepted + " + " + rejected);
            }
            if (version != accepted) {
                problems.add("one scrape mixes versions " + version + " and " + accepted);
            }
            version = accepted;
        }
        return version;
    }
}
