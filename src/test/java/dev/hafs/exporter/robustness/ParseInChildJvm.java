package dev.hafs.exporter.robustness;

import dev.hafs.exporter.parse.ActiveLearning;
import dev.hafs.exporter.parse.Datasets;
import dev.hafs.exporter.parse.GeneratorStats;
import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.QualityFeedback;
import dev.hafs.exporter.parse.RecordLimits;
import dev.hafs.exporter.parse.SourceParser;
import dev.hafs.exporter.parse.SourceParsers;
import dev.hafs.exporter.parse.StatusField;
import dev.hafs.exporter.parse.StatusFile;
import dev.hafs.exporter.parse.TrainingFeedback;
import dev.hafs.exporter.parse.TrainingRun;
import dev.hafs.exporter.read.ReadResult;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.read.SourceReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child JVM of {@link HostileFileMemoryTest}: reads one file with the real read and parse
 * stages and the default limits, and prints what the result holds as one line of key=value.
 * Run with the shipped JVM options, an out-of-memory error ends it with a non-zero exit.
 */
public final class ParseInChildJvm {
    private ParseInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        Source file = Source.byFileName(path.getFileName().toString()).orElseThrow();
        ReadResult.Opened opened = (ReadResult.Opened) new SourceReader(256L << 20).open(path);
        Map<String, Object> summary = new LinkedHashMap<>();
        SourceParser parser = SourceParsers.forEachFile(50, RecordLimits.DEFAULTS, new HafsTimestamps(ZoneOffset.UTC)).get(file);
        // An empty document first, so classes and Jackson's buffers are in place before the baseline.
        parser.parse(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
        long usedBefore = usedHeapAfterGc();
        try (InputStream in = opened.content()) {
            ParseResult result = parser.parse(in);
            // What a snapshot holds of this file: the heap the result keeps alive.
            summary.put("retainedKiB", (usedHeapAfterGc() - usedBefore) >> 10);
            Reference.reachabilityFence(result);
            summary.put("outcome", "loaded");
            summary.put("skipped", result.skippedRecords().count());
            summary.put("messages", result.skippedRecords().firstMessages().size());
            result.data().recordsCapped().forEach((kind, count) -> summary.put("capped." + kind.label(), count));
            describe(result, summary);
        } catch (MalformedSourceException e) {
            summary.put("outcome", "malformed");
            summary.put("kind", e.kind());
        }
        StringBuilder line = new StringBuilder();
        summary.forEach((key, value) -> line.append(line.isEmpty() ? "" : " ").append(key).append('=').append(value));
        System.out.println(line);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static void describe(ParseResult result, Map<String, Object> summary) {
        switch (result.data()) {
            case QualityFeedback quality -> {
                summary.put("thresholds", quality.thresholds().size());
                summary.put("generators", quality.generators().size());
                summary.put("reasons", quality.generators().stream().mapToInt(g -> g.rejectionReasons().size()).sum());
                summary.put("maxReasonsPerGenerator",
                        quality.generators().stream().map(GeneratorStats::rejectionReasons).mapToInt(Map::size).max().orElse(0));
                summary.put("scoreSeries", quality.scoreSeries().size());
                summary.put("historyEntries", quality.rejectionHistoryEntries());
            }
            case ActiveLearning learning -> {
                summary.put("regions", learning.regions().size());
                summary.put("regionsPresent", learning.regionsPresent());
            }
            case TrainingFeedback training -> {
                summary.put("runs", training.runs().size());
                summary.put("runsCounted", training.completedRuns() + training.runningRuns());
                summary.put("evalMetrics", training.runs().stream().mapToInt(r -> r.evalMetrics().size()).sum());
                summary.put("maxEvalMetricsPerRun",
                        training.runs().stream().map(TrainingRun::evalMetrics).mapToInt(Map::size).max().orElse(0));
                summary.put("domains", training.domainEffectiveness().size());
                summary.put("runDomains", training.runs().stream().mapToInt(r -> r.domainDistribution().size()).sum());
                summary.put("maxRunDomainsPerRun",
                        training.runs().stream().map(TrainingRun::domainDistribution).mapToInt(Map::size).max().orElse(0));
                summary.put("thresholdEffectiveness", training.thresholdEffectiveness().size());
            }
            case StatusFile status -> {
                summary.put("fields", status.values().size());
                if (status.source() == Source.CAMPAIGN_VALIDATION) {
                    summary.put("checks", status.flags(StatusField.VALIDATION_CHECKS).size());
                }
            }
            case Datasets datasets -> summary.put("datasets", datasets.datasets().size());
        }
    }
}
