package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExporterProcess;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.FullTrainingDirectory;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole exporter at its worst under the README's JVM options (-Xmx64m, exit on out of memory),
 * as its own process: every source at its caps with 256-character non-ASCII names, the HAFS series
 * just under the default --series.limit, sixteen clients scraping every format with and without
 * gzip (one cached body per format, 23 MB of text each, so kept compressed only) while the files
 * are rewritten, so a reload's new snapshot and its bodies live beside the old ones. Every response is a whole 200, every
 * source stays up, the process never exits and never runs out of heap.
 *
 * <p>With {@code -Dhostile.minimum-heap=true} it also finds the smallest -Xmx (to 1 MiB) under which
 * the same scenario passes, and appends it with the peak heap to target/whole-exporter-heap.txt:
 * the worst case the README documents.
 */
@Tag("slow")
class WholeExporterMemoryTest {
    /** Training runs kept: with every other cap full, this puts the HAFS series just under 20,000. */
    private static final int RUNS = 20;
    private static final int SERIES_LIMIT = 20_000;
    private static final int SCRAPERS = 16;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** One way of asking for /metrics. */
    private record Variant(String format, String accept, boolean gzip) {
        @Override
        public String toString() {
            return format + (gzip ? "+gzip" : "");
        }
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("text", "text/plain; version=0.0.4", false),
            new Variant("text", "text/plain; version=0.0.4", true),
            new Variant("openmetrics", "application/openmetrics-text; version=1.0.0", false),
            new Variant("openmetrics", "application/openmetrics-text; version=1.0.0", true),
            new Variant("protobuf", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", false),
            new Variant("protobuf", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", true));

    /** What one run of the scenario saw. */
    private record Outcome(boolean alive, List<String> failures, long scrapes, int hafsSeries, long peakHeapBytes,
            long heapAfterGcBytes, int reloads, String output) {
        boolean passed() {
            return alive && failures.isEmpty() && !output.contains("OutOfMemoryError");
        }
    }

    @Test
    void everySourceAtItsCapsServesEveryFormatToSixteenScrapersDuringReloadsUnderTheShippedHeap() throws Exception {
        FullTrainingDirectory training = new FullTrainingDirectory(dir.resolve("training"), RUNS);
        training.write();
        List<String> shipped = ExporterProcess.readmeJvmOptions();
        List<String> options = new ArrayList<>(shipped);
        Files.createDirectories(Path.of("target"));
        options.addAll(List.of("-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + Path.of("target").toAbsolutePath()));

        Outcome outcome = scenario(training, options);

        String outputTail = outcome.output().substring(Math.max(0, outcome.output().length() - 4000));
        assertThat(outcome.output()).as("the exporter's stderr and stdout").doesNotContain("OutOfMemoryError");
        assertThat(outcome.alive()).as("the exporter is alive; its output ends:\n" + outputTail).isTrue();
        assertThat(outcome.failures()).as("failed scrapes; the exporter's output ends:\n" + outputTail).isEmpty();
        assertThat(outcome.hafsSeries()).as("HAFS series on /metrics").isBetween(SERIES_LIMIT - 1_000, SERIES_LIMIT);
        assertThat(outcome.reloads()).as("reloads of training_feedback.json and the datasets during the load").isGreaterThanOrEqualTo(2);
        // Scraper i starts with variant i: sixteen whole scrapes at least means every variant was served.
        assertThat(outcome.scrapes()).isGreaterThanOrEqualTo(SCRAPERS);
        if (Boolean.getBoolean("hostile.minimum-heap")) {
            recordMinimumHeap(training, shipped, outcome);
        }
    }

    /**
     * Starts the exporter on the directory, waits until every source is up, then scrapes every
     * variant from {@value #SCRAPERS} clients for {@link #LOAD} while dataset folders and status files
     * are rewritten continually and training_feedback.json (the largest file) twice.
     */
    private Outcome scenario(FullTrainingDirectory training, List<String> jvmOptions) throws Exception {
        List<String> failures = new ArrayList<>();
        try (ExporterProcess exporter = ExporterProcess.command(jvmOptions, dir, "--training.dir=" + training.dir(),
                "--web.listen-address=127.0.0.1:0", "--watch.poll-interval=1h")) {
            ExporterClient client;
            try {
                client = exporter.client();
                await().atMost(Duration.ofSeconds(120)).until(() -> !exporter.alive() || everySourceUp(client));
            } catch (AssertionError | RuntimeException e) {
                return new Outcome(exporter.alive(), List.of("never ready: " + e), 0, 0, 0, 0, 0, exporter.stderrText() + exporter.stdoutText());
            }
            if (!exporter.alive()) {
                return new Outcome(false, List.of("exited before ready"), 0, 0, 0, 0, 0, exporter.stderrText() + exporter.stdoutText());
            }
            Exposition before = client.scrape();
            int hafsSeries = (int) before.samples().keySet().stream().filter(series -> series.startsWith("hafs_")).count();
            double loadsBefore = loads(before);

            Queue<String> failed = new ConcurrentLinkedQueue<>();
            AtomicLong scrapes = new AtomicLong();
            AtomicLong peakHeap = new AtomicLong(heapUsed(before.text()));
            long until = System.nanoTime() + LOAD.toNanos();
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> writer = threads.submit(() -> rewrite(training, until));
                List<Future<?>> scrapers = new ArrayList<>();
                for (int i = 0; i < SCRAPERS; i++) {
                    int first = i;
                    scrapers.add(threads.submit(() -> {
                        for (int k = first; System.nanoTime() < until && exporter.alive(); k++) {
                            Variant variant = VARIANTS.get(k % VARIANTS.size());
                            try {
                                scrape(http, exporter.port(), variant, peakHeap);
                                scrapes.incrementAndGet();
                            } catch (Exception | AssertionError e) {
                                failed.add(variant + ": " + e);
                            }
                        }
                    }));
                }
                for (Future<?> scraper : scrapers) {
                    scraper.get(LOAD.toSeconds() + 120, TimeUnit.SECONDS);
                }
                writer.get(120, TimeUnit.SECONDS);
            }
            failures.addAll(failed);
            if (!exporter.alive()) {
                return new Outcome(false, failures, scrapes.get(), hafsSeries, peakHeap.get(), 0, 0, exporter.stderrText() + exporter.stdoutText());
            }
            // The reloads started during the load finish, then every source must still be up.
            int reloads = 0;
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> !exporter.alive() || everySourceUp(client)
                        && loads(client.scrape()) >= loadsBefore + 2);
                reloads = (int) (loads(client.scrape()) - loadsBefore);
            } catch (AssertionError | RuntimeException e) {
                failures.add("not every source up after the load: " + e);
            }
            long afterGc = exporter.alive() ? heapAfterFullGc(exporter) : 0;
            return new Outcome(exporter.alive(), failures, scrapes.get(), hafsSeries, peakHeap.get(), afterGc, reloads,
                    exporter.stderrText() + exporter.stdoutText());
        }
    }

    private static boolean everySourceUp(ExporterClient client) {
        Exposition scrape = client.scrape();
        for (Source source : Source.values()) {
            if (scrape.value("hafs_source_up{file=\"" + source.fileName() + "\"}").orElse(0) != 1) {
                return false;
            }
        }
        return true;
    }

    private static double loads(Exposition scrape) {
        return scrape.value("hafs_source_loads_total{file=\"training_feedback.json\"}").orElse(0)
                + scrape.value("hafs_source_loads_total{file=\"datasets\"}").orElse(0);
    }

    /** Rewrites, the way HAFS does (truncate, write in place), until the load ends. */
    private static Void rewrite(FullTrainingDirectory training, long until) {
        int version = 0;
        long nextTraining = System.nanoTime();
        int trainingWrites = 0;
        while (System.nanoTime() < until) {
            version++;
            if (trainingWrites < 2 && System.nanoTime() >= nextTraining) {
                training.writeTraining(version);
                trainingWrites++;
                nextTraining = System.nanoTime() + LOAD.toNanos() / 2;
            }
            training.writeDataset(version % 100, version);
            training.writeStatus(version);
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
        return null;
    }

    /** One scrape in one variant: a 200 with the format asked for, whole, with the HAFS series under the budget. */
    private static void scrape(HttpClient http, int port, Variant variant, AtomicLong peakHeap) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", variant.accept())
                .header("Accept-Encoding", variant.gzip() ? "gzip" : "identity")
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding").orElse("identity")).isEqualTo(variant.gzip() ? "gzip" : "identity");
        byte[] body = response.body();
        if (variant.gzip()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        int hafsSeries;
        if (variant.format().equals("protobuf")) {
            hafsSeries = 0;
            try (InputStream in = new ByteArrayInputStream(body)) {
                for (MetricFamily family; (family = MetricFamily.parseDelimitedFrom(in)) != null; ) {
                    if (family.getName().startsWith("hafs_")) {
                        hafsSeries += family.getMetricCount();
                    }
                }
            }
        } else {
            String text = new String(body, StandardCharsets.UTF_8);
            assertThat(text).endsWith(variant.format().equals("openmetrics") ? "\n# EOF\n" : "\n")
                    .contains("hafs_source_up{file=\"datasets\"} 1");
            hafsSeries = (int) text.lines().filter(line -> line.startsWith("hafs_")).count();
            if (variant.format().equals("text")) {
                peakHeap.accumulateAndGet(heapUsed(text), Math::max);
            }
        }
        // A dataset folder caught mid-rewrite is skipped until it is whole, so a body may lack its few series.
        assertThat(hafsSeries).as("HAFS series in a " + variant + " body").isBetween(SERIES_LIMIT - 1_000, SERIES_LIMIT);
    }

    /** The exporter's own jvm_memory_used_bytes over its heap pools, when it rendered the body. */
    private static long heapUsed(String text) {
        long used = 0;
        Matcher matcher = HEAP_USED.matcher(text);
        while (matcher.find()) {
            used += (long) Double.parseDouble(matcher.group(1));
        }
        return used;
    }

    /** The heap used right after a full collection (jcmd GC.run, then GC.heap_info): what the exporter keeps. */
    private static long heapAfterFullGc(ExporterProcess exporter) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String pid = Long.toString(exporter.pid());
        ExternalTool.runProcess(List.of(jcmd.toString(), pid, "GC.run"), null);
        ExternalTool.Result info = ExternalTool.runProcess(List.of(jcmd.toString(), pid, "GC.heap_info"), null);
        long usedKiB = 0;
        Matcher used = Pattern.compile("(?m)^\\s*\\w+\\s+total \\d+K, used (\\d+)K").matcher(info.output());
        while (used.find()) {
            usedKiB += Long.parseLong(used.group(1));
        }
        return usedKiB << 10;
    }

    /** Halves the interval between a heap that fails and one that passes, to 1 MiB, and records both figures. */
    private void recordMinimumHeap(FullTrainingDirectory training, List<String> shipped, Outcome atShipped) throws Exception {
        int fails = 8;
        int works = 64;
        Outcome best = atShipped;
        while (works - fails > 1) {
            int mid = (works + fails) / 2;
            List<String> options = new ArrayList<>(shipped);
            options.replaceAll(option -> option.startsWith("-Xmx") ? "-Xmx" + mid + "m"
                    : option.startsWith("-Xms") ? "-Xms" + Math.min(8, mid) + "m" : option);
            training.write();
            Outcome outcome = scenario(training, options);
            System.out.printf("-Xmx%dm: %s%n", mid, outcome.passed() ? "passes" : "fails: " + outcome.failures().stream().limit(3).toList());
            if (outcome.passed()) {
                works = mid;
                best = outcome;
            } else {
                fails = mid;
            }
        }
        String line = ("whole exporter, every source at its caps, %d HAFS series, %d scrapers × %d variants, reloads: "
                + "needs -Xmx%dm; at -Xmx64m peak heap used %.1f MiB, %.1f MiB after a full GC; at -Xmx%dm peak %.1f MiB%n").formatted(
                atShipped.hafsSeries(), SCRAPERS, VARIANTS.size(), works, atShipped.peakHeapBytes() / 1048576.0,
                atShipped.heapAfterGcBytes() / 1048576.0, works, best.peakHeapBytes() / 1048576.0);
        System.out.print(line);
        Files.writeString(Path.of("target", "whole-exporter-heap.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
