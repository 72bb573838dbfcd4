package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 concurrent scrapers on 127.0.0.1 for a bounded time while the files change every 100 ms:
 * no scrape fails, and neither threads nor heap grow across two rounds of the same load.
 */
@Tag("slow")
class LoadTest {
    private static final int SCRAPERS = 64;
    private static final Duration ROUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void sixtyFourScrapersDuringReloadsNeverFailAndNothingGrows() throws Exception {
        Fixtures.copy("basic", dir);
        String quality = Fixtures.text("basic", "quality_feedback.json");
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir, "--web.listen-address=127.0.0.1:0"))) {
            AtomicInteger version = new AtomicInteger();
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            writer.scheduleAtFixedRate(() -> HafsWriter.write(dir.resolve("quality_feedback.json"),
                    quality.replace("\"samples_accepted\": 425", "\"samples_accepted\": " + (425 + version.incrementAndGet()))),
                    0, 100, TimeUnit.MILLISECONDS);
            try {
                Round first = load(exporter.port());
                Footprint afterFirst = Footprint.now();
                Round second = load(exporter.port());
                Footprint afterSecond = Footprint.now();

                assertThat(first.failures()).isEmpty();
                assertThat(second.failures()).isEmpty();
                assertThat(first.scrapes() + second.scrapes()).isGreaterThan(SCRAPERS * 4L);
                // Threads the JDK retires on its own (HttpClient selectors, carriers) may outlive a round by
                // a few seconds on a busy machine; a leak never settles.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Footprint settled = Footprint.now();
                    assertThat(settled.threads().size()).as("platform threads after a second round, beyond the first: %s",
                            settled.beyond(afterFirst)).isLessThanOrEqualTo(afterFirst.threads().size() + 4);
                });
                assertThat(afterSecond.heapBytes()).as("heap after a second round")
                        .isLessThanOrEqualTo(afterFirst.heapBytes() + (32L << 20));
                assertThat(version.get()).as("files rewritten during the load").isGreaterThan(50);
            } finally {
                writer.shutdownNow();
            }
        }
    }

    private record Round(long scrapes, Queue<String> failures) {
    }

    private record Footprint(List<String> threads, long heapBytes) {
        static Footprint now() {
            System.gc();
            return new Footprint(Thread.getAllStackTraces().keySet().stream().filter(Footprint::ownedByTheProcess).map(Thread::getName).toList(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        List<String> beyond(Footprint earlier) {
            List<String> extra = new ArrayList<>(threads);
            earlier.threads().forEach(extra::remove);
            return extra;
        }

        /**
         * The virtual-thread scheduler's carriers are the JDK's: it adds some while virtual threads
         * block (up to jdk.virtualThreadScheduler.maxPoolSize) and retires them after a while, so on a
         * busy machine their number after a round says nothing about a leak in the exporter.
         */
        private static boolean ownedByTheProcess(Thread thread) {
            return !thread.getName().startsWith("ForkJoinPool-");
        }
    }

    private static Round load(int port) throws Exception {
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong scrapes = new AtomicLong();
        long until = System.nanoTime() + ROUND.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                ExecutorService scrapers = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build();
            List<Future<?>> running = IntStream.range(0, SCRAPERS).<Future<?>>mapToObj(i -> scrapers.submit(() -> {
                while (System.nanoTime() < until) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("hafs_source_up{file=\"quality_feedback.json\"}")) {
                            failures.add("status " + response.statusCode());
                        }
                        scrapes.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            })).toList();
            for (Future<?> scraper : running) {
                scraper.get(ROUND.toSeconds() + 60, TimeUnit.SECONDS);
            }
        }
        return new Round(scrapes.get(), failures);
    }
}
