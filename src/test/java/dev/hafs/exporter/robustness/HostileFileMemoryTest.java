package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SkippedRecords;
import dev.hafs.exporter.testing.HafsShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile files of issue 11 at the sizes that broke the exporter, each parsed by the real read
 * and parse stages in a child JVM with the shipped options (-Xmx64m): every one finishes, with a
 * result or a malformed-file error, never an out-of-memory error or a stack overflow, and what it
 * keeps respects every cap.
 *
 * <p>With {@code -Dhostile.minimum-heap=true} each case also finds the smallest -Xmx (to 1 MiB)
 * with which it still parses to the same result, and appends it to target/hostile-file-heap.txt:
 * the worst case the README documents.
 */
@Tag("slow")
class HostileFileMemoryTest {
    private static final List<String> SHIPPED_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    private static final Map<String, Long> CAPS = Map.ofEntries(
            Map.entry("thresholds", (long) RecordLimits.THRESHOLDS),
            Map.entry("generators", (long) RecordLimits.DEFAULTS.generators()),
            Map.entry("reasons", (long) RecordLimits.REJECTION_REASONS),
            Map.entry("maxReasonsPerGenerator", (long) RecordLimits.REJECTION_REASONS_PER_GENERATOR),
            Map.entry("scoreSeries", (long) RecordLimits.SCORE_SERIES),
            Map.entry("regions", (long) RecordLimits.DEFAULTS.regions()),
            Map.entry("runs", (long) RecordLimits.DEFAULTS.runs()),
            Map.entry("evalMetrics", (long) RecordLimits.EVAL_METRICS),
            Map.entry("maxEvalMetricsPerRun", (long) RecordLimits.EVAL_METRICS_PER_RUN),
            Map.entry("domains", (long) RecordLimits.DOMAIN_EFFECTIVENESS),
            Map.entry("runDomains", (long) RecordLimits.RUN_DOMAINS),
            Map.entry("maxRunDomainsPerRun", (long) RecordLimits.RUN_DOMAINS_PER_RUN),
            Map.entry("thresholdEffectiveness", (long) RecordLimits.THRESHOLD_EFFECTIVENESS),
            Map.entry("checks", (long) RecordLimits.VALIDATION_CHECKS),
            Map.entry("messages", (long) SkippedRecords.MAX_MESSAGES));

    private static final int NAME = RecordLimits.MAX_NAME_LENGTH;

    @TempDir
    Path dir;

    private record Child(int exitCode, String output) {
        Map<String, String> summary() {
            String[] lines = output.strip().split("\n");
            Map<String, String> summary = new LinkedHashMap<>();
            for (String pair : lines[lines.length - 1].split(" ")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    summary.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
            return summary;
        }
    }

    private static Arguments hostile(HafsShape shape, String... expected) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("outcome", "loaded");
        for (int i = 0; i < expected.length; i += 2) {
            entries.put(expected[i], expected[i + 1]);
        }
        return Arguments.of(shape, entries);
    }

    static Stream<Arguments> hostileFiles() {
        return Stream.of(
                hostile(HafsShape.thresholds(150_000), "thresholds", "100", "capped.thresholds", "149900"),
                hostile(HafsShape.thresholds(250_000), "thresholds", "100", "capped.thresholds", "249900"),
                hostile(HafsShape.thresholds(1_000_000), "thresholds", "100", "capped.thresholds", "999900"),
                hostile(HafsShape.generators(1, 250_000), "generators", "1", "reasons", "50", "capped.rejection_reasons", "249950"),
                hostile(HafsShape.generators(500, 500), "generators", "500", "reasons", "2000", "capped.rejection_reasons", "248000"),
                hostile(HafsShape.runs(1, 250_000), "runs", "1", "evalMetrics", "50", "capped.eval_metrics", "249950"),
                hostile(HafsShape.domainEffectiveness(250_000), "domains", "200", "capped.domain_effectiveness", "249800"),
                hostile(HafsShape.runDomains(1, 250_000), "runs", "1", "runDomains", "50", "capped.run_domains", "249950"),
                hostile(HafsShape.thresholdEffectiveness(250_000), "thresholdEffectiveness", "200",
                        "capped.threshold_effectiveness", "249800"),
                hostile(HafsShape.validationChecks(250_000), "checks", "50", "capped.validation_checks", "249950"),
                hostile(HafsShape.pilotScores(5_000_000), "fields", "3"),
                hostile(HafsShape.regions(3_000_000), "regions", "2000", "regionsPresent", "3000000", "capped.regions", "2998000"),
                hostile(HafsShape.numbersAsRegions(5_000_000), "regions", "0", "regionsPresent", "5000000", "skipped", "5000000",
                        "messages", "100"),
                hostile(HafsShape.generators(300_000, 0), "generators", "500", "capped.generators", "299500"),
                hostile(HafsShape.runs(300_000, 0), "runs", "1000", "runsCounted", "300000", "capped.runs", "299000"),
                hostile(HafsShape.wrongTypedGenerators(1_000_000), "generators", "0", "skipped", "1000000", "messages", "100"),
                hostile(HafsShape.history(1_000_000, 1_000_000, 1), "scoreSeries", "1000", "historyEntries", "1000000",
                        "capped.score_series", "999000"),
                hostile(HafsShape.historyOfDistinctScores(1_000_000), "scoreSeries", "1000", "capped.score_series", "999000"),
                hostile(HafsShape.longKeys(1_000, 60_000), "thresholds", "100", "capped.thresholds", "900"),
                hostile(HafsShape.unknownArray(5_000_000), "thresholds", "1"),
                // The documented worst case of what stays: every cap full, every name 256 characters above U+00FF.
                hostile(HafsShape.fullQuality(RecordLimits.THRESHOLDS, RecordLimits.DEFAULTS.generators(),
                                RecordLimits.REJECTION_REASONS_PER_GENERATOR, 20, RecordLimits.SCORE_SERIES / 20, 50, NAME),
                        "thresholds", "100", "generators", "500", "reasons", "2000", "scoreSeries", "1000",
                        "capped.rejection_reasons", "23000", "capped.score_series", "0"),
                hostile(HafsShape.fullTraining(RecordLimits.DEFAULTS.runs(), RecordLimits.EVAL_METRICS_PER_RUN,
                                RecordLimits.DOMAIN_EFFECTIVENESS, NAME),
                        "runs", "1000", "evalMetrics", "2000", "domains", "200", "capped.eval_metrics", "48000",
                        "runDomains", "2000", "capped.run_domains", "48000", "thresholdEffectiveness", "200"),
                hostile(HafsShape.fullLearning(RecordLimits.DEFAULTS.regions(), NAME), "regions", "2000", "capped.regions", "0"));
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void parsesUnderTheShippedHeapWithinTheCaps(HafsShape shape, Map<String, String> expected) throws Exception {
        Path file = shape.writeTo(dir);

        Child child = parseInChild(file, SHIPPED_OPTIONS);

        assertThat(child.exitCode()).as("exit code of the child; its output:\n" + child.output()).isZero();
        Map<String, String> summary = child.summary();
        assertThat(summary).containsAllEntriesOf(expected);
        CAPS.forEach((key, cap) -> {
            if (summary.containsKey(key)) {
                assertThat(Long.parseLong(summary.get(key))).as(key).isLessThanOrEqualTo(cap);
            }
        });
        if (Boolean.getBoolean("hostile.minimum-heap")) {
            recordMinimumHeap(shape, file, summary);
        }
    }

    private static Child parseInChild(Path file, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParseInChildJvm.class.getName(), file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("the child did not finish: " + new String(output, StandardCharsets.UTF_8));
            }
            return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Map<String, String> withoutRetained(Map<String, String> summary) {
        Map<String, String> rest = new LinkedHashMap<>(summary);
        rest.remove("retainedKiB");
        return rest;
    }

    /** Halves the interval between a heap that fails and one that gives the same result, to 1 MiB. */
    private static void recordMinimumHeap(HafsShape shape, Path file, Map<String, String> summary)
            throws IOException, InterruptedException {
        int fails = 1;
        int works = 64;
        while (works - fails > 1) {
            int mid = (works + fails) / 2;
            List<String> options = new ArrayList<>(SHIPPED_OPTIONS);
            options.replaceAll(option -> option.startsWith("-Xmx") ? "-Xmx" + mid + "m"
                    : option.startsWith("-Xms") ? "-Xms" + Math.min(8, mid) + "m" : option);
            Child child = parseInChild(file, options);
            if (child.exitCode() == 0 && withoutRetained(child.summary()).equals(withoutRetained(summary))) {
                works = mid;
            } else {
                fails = mid;
            }
        }
        String line = "%-80s %6.1f MB file, needs -Xmx%dm, result keeps %s KiB%n".formatted(
                shape, Files.size(file) / 1e6, works, summary.getOrDefault("retainedKiB", "-"));
        System.out.print(line);
        Files.writeString(Path.of("target", "hostile-file-heap.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
