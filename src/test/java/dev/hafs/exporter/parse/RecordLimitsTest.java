package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static dev.hafs.exporter.parse.ParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hafs.exporter.testing.HafsShape;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every cap, applied while parsing: a file over it keeps exactly the cap, counts the rest in its
 * {@link CappedKind}, and the records kept are the documented ones.
 */
class RecordLimitsTest {
    private static final RecordLimits THREE_EACH = new RecordLimits(3, 3, 3, 3);

    private static QualityFeedback quality(RecordLimits limits, String text) throws Exception {
        return (QualityFeedback) parse(new QualityFeedbackParser(50, limits, UTC), text).data();
    }

    private static TrainingFeedback training(RecordLimits limits, String text) throws Exception {
        return (TrainingFeedback) parse(new TrainingFeedbackParser(limits, UTC), text).data();
    }

    private static int entries(Collection<Map<String, Double>> maps) {
        return maps.stream().mapToInt(Map::size).sum();
    }

    @Test
    void keepsTheNewestRunsByStartTimeButCountsAllRuns() throws Exception {
        String runs = IntStream.range(0, 10)
                .mapToObj(i -> "\"run-" + i + "\": {\"model_name\": \"m\", \"start_time\": \"2025-12-%02dT08:00:00\", \"final_loss\": %s}"
                        .formatted(20 - i, i % 2 == 0 ? "0.5" : "null"))
                .collect(Collectors.joining(",", "{\"training_runs\": {", "}}"));

        TrainingFeedback training = training(THREE_EACH, runs);

        assertThat(training.runs()).extracting(TrainingRun::id).containsExactly("run-0", "run-1", "run-2");
        assertThat(training.capped(CappedKind.RUNS)).isEqualTo(7);
        assertThat(training.completedRuns()).isEqualTo(5);
        assertThat(training.runningRuns()).isEqualTo(5);
        assertThat(training.recordsCapped()).containsOnlyKeys(CappedKind.RUNS, CappedKind.EVAL_METRICS, CappedKind.RUN_DOMAINS,
                CappedKind.DOMAIN_EFFECTIVENESS, CappedKind.THRESHOLD_EFFECTIVENESS);
    }

    @Test
    void keepsTheGeneratorsThatGeneratedMost() throws Exception {
        String generators = IntStream.range(0, 6)
                .mapToObj(i -> "\"g" + i + "\": {\"samples_generated\": " + (i * 7 % 6) + ", \"samples_accepted\": 0, \"samples_rejected\": 0}")
                .collect(Collectors.joining(",", "{\"generator_stats\": {", "}}"));

        QualityFeedback quality = quality(THREE_EACH, generators);

        assertThat(quality.generators()).extracting(GeneratorStats::name).containsExactly("g3", "g4", "g5");
        assertThat(quality.capped(CappedKind.GENERATORS)).isEqualTo(3);
    }

    @Test
    void keepsTheFirstRegionsAndComputesTheirStatisticsOverThoseAlone() throws Exception {
        String regions = IntStream.of(10, 10, 2, 10, 0, 0)
                .mapToObj(count -> "{\"sample_count\": " + count + ", \"domain\": \"asm\"}")
                .collect(Collectors.joining(",", "{\"regions\": [", "]}"));

        ActiveLearning learning = (ActiveLearning) parse(new ActiveLearningParser(THREE_EACH, UTC), regions).data();

        assertThat(learning.regions()).extracting(EmbeddingRegion::sampleCount).containsExactly(10.0, 10.0, 2.0);
        assertThat(learning.capped(CappedKind.REGIONS)).isEqualTo(3);
        assertThat(learning.regionsPresent()).isEqualTo(6);
        assertThat(learning.meanSampleCount()).hasValue(22 / 3.0);
        assertThat(learning.sparseRegions()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstThresholds() throws Exception {
        QualityFeedback quality = quality(RecordLimits.DEFAULTS, HafsShape.thresholds(RecordLimits.THRESHOLDS + 50).text());

        assertThat(quality.thresholds()).hasSize(RecordLimits.THRESHOLDS).containsKey("t0").containsKey("t99");
        assertThat(quality.capped(CappedKind.THRESHOLDS)).isEqualTo(50);
    }

    @Test
    void capsTheReasonsOfOneGenerator() throws Exception {
        QualityFeedback quality = quality(RecordLimits.DEFAULTS,
                HafsShape.generators(1, RecordLimits.REJECTION_REASONS_PER_GENERATOR + 30).text());

        assertThat(quality.generators().getFirst().rejectionReasons()).hasSize(RecordLimits.REJECTION_REASONS_PER_GENERATOR)
                .containsKey("r0").doesNotContainKey("r" + RecordLimits.REJECTION_REASONS_PER_GENERATOR);
        assertThat(quality.capped(CappedKind.REJECTION_REASONS)).isEqualTo(30);
    }

    @Test
    void givesTheTotalOfReasonsToTheGeneratorsThatGeneratedMost() throws Exception {
        int perGenerator = RecordLimits.REJECTION_REASONS_PER_GENERATOR;
        int generators = RecordLimits.REJECTION_REASONS / perGenerator + 5;

        QualityFeedback quality = quality(RecordLimits.DEFAULTS, HafsShape.generators(generators, perGenerator).text());

        assertThat(entries(quality.generators().stream().map(GeneratorStats::rejectionReasons).toList()))
                .isEqualTo(RecordLimits.REJECTION_REASONS);
        assertThat(quality.capped(CappedKind.REJECTION_REASONS)).isEqualTo(5L * perGenerator);
        assertThat(quality.generators()).hasSize(generators);
        // g_i generated i samples: the five that generated least lost their reasons.
        assertThat(quality.generators().subList(0, 5)).allSatisfy(g -> assertThat(g.rejectionReasons()).isEmpty());
        assertThat(quality.generators().subList(5, generators)).allSatisfy(g -> assertThat(g.rejectionReasons()).hasSize(perGenerator));
    }

    @Test
    void reasonsOfGeneratorsLeftOutAreNotCountedTwice() throws Exception {
        QualityFeedback quality = quality(new RecordLimits(1000, 10, 2000, 100),
                HafsShape.generators(1000, RecordLimits.REJECTION_REASONS_PER_GENERATOR + 1).text());

        assertThat(quality.generators()).hasSize(10);
        assertThat(quality.capped(CappedKind.GENERATORS)).isEqualTo(990);
        assertThat(quality.capped(CappedKind.REJECTION_REASONS)).isEqualTo(10);
    }

    @Test
    void capsTheEvalMetricsOfOneRun() throws Exception {
        TrainingFeedback training = training(RecordLimits.DEFAULTS, HafsShape.runs(1, RecordLimits.EVAL_METRICS_PER_RUN + 30).text());

        assertThat(training.runs().getFirst().evalMetrics()).hasSize(RecordLimits.EVAL_METRICS_PER_RUN);
        assertThat(training.capped(CappedKind.EVAL_METRICS)).isEqualTo(30);
    }

    @Test
    void givesTheTotalOfEvalMetricsToTheNewestRuns() throws Exception {
        int perRun = RecordLimits.EVAL_METRICS_PER_RUN;
        int runs = RecordLimits.EVAL_METRICS / perRun + 5;

        TrainingFeedback training = training(RecordLimits.DEFAULTS, HafsShape.runs(runs, perRun).text());

        assertThat(entries(training.runs().stream().map(TrainingRun::evalMetrics).toList())).isEqualTo(RecordLimits.EVAL_METRICS);
        assertThat(training.capped(CappedKind.EVAL_METRICS)).isEqualTo(5L * perRun);
        // run-i started i minutes after run-0: the five oldest lost their metrics.
        assertThat(training.runs().subList(0, 5)).allSatisfy(run -> assertThat(run.evalMetrics()).isEmpty());
        assertThat(training.runs().getLast().evalMetrics()).hasSize(perRun);
    }

    @Test
    void capsDomainEffectiveness() throws Exception {
        TrainingFeedback training = training(RecordLimits.DEFAULTS,
                HafsShape.domainEffectiveness(RecordLimits.DOMAIN_EFFECTIVENESS + 100).text());

        assertThat(training.domainEffectiveness()).hasSize(RecordLimits.DOMAIN_EFFECTIVENESS).containsKey("d0");
        assertThat(training.capped(CappedKind.DOMAIN_EFFECTIVENESS)).isEqualTo(100);
    }

    @Test
    void keepsTheFirstScoreSeriesAndCountsTheValuesOfTheOthers() throws Exception {
        int domains = RecordLimits.SCORE_SERIES + 200;
        // Two rounds over every domain: the second round adds one value to each series, kept or not.
        QualityFeedback quality = quality(RecordLimits.DEFAULTS, HafsShape.history(2 * domains, domains, 1).text());

        assertThat(quality.scoreSeries()).hasSize(RecordLimits.SCORE_SERIES);
        assertThat(quality.scoreSeries().getFirst().domain()).isEqualTo("d0");
        assertThat(quality.scoreSeries().getFirst().recentValues()).hasSize(2);
        assertThat(quality.capped(CappedKind.SCORE_SERIES)).isEqualTo(2 * 200);
        assertThat(quality.rejectionHistoryEntries()).isEqualTo(2 * domains);
    }

    @Test
    void countsEverySkippedRecordButKeepsTheFirstMessagesOnly() throws Exception {
        ParseResult result = parse(new QualityFeedbackParser(50, RecordLimits.DEFAULTS, UTC),
                HafsShape.wrongTypedGenerators(SkippedRecords.MAX_MESSAGES + 150).text());

        assertThat(result.skippedRecords().count()).isEqualTo(SkippedRecords.MAX_MESSAGES + 150);
        assertThat(result.skippedRecords().firstMessages()).hasSize(SkippedRecords.MAX_MESSAGES)
                .startsWith("generator \"g0\": is a string, expected an object");
    }

    @Test
    void aRecordWithManyWrongFieldsNamesTheFirstAndCountsTheRest() throws Exception {
        String reasons = IntStream.range(0, 10).mapToObj(i -> "\"r" + i + "\": \"x\"").collect(Collectors.joining(", "));
        ParseResult result = parse(new QualityFeedbackParser(50, RecordLimits.DEFAULTS, UTC), "{\"generator_stats\": {\"g\": "
                + "{\"samples_generated\": 1, \"samples_accepted\": 1, \"samples_rejected\": 0, \"rejection_reasons\": {" + reasons + "}}}}");

        assertThat(result.skippedRecords().firstMessages()).containsExactly("generator \"g\": rejection_reasons.r0 is a string, "
                + "expected a number; rejection_reasons.r1 is a string, expected a number; rejection_reasons.r2 is a string, "
                + "expected a number; and 7 more");
    }

    @Test
    void aNameWrittenTwiceKeepsItsFirstPlaceAndItsLastValue() throws Exception {
        QualityFeedback quality = quality(RecordLimits.DEFAULTS, """
                {"generator_stats": {
                  "a": {"samples_generated": 1, "samples_accepted": 1, "samples_rejected": 0},
                  "b": {"samples_generated": 2, "samples_accepted": 2, "samples_rejected": 0},
                  "a": {"samples_generated": 3, "samples_accepted": 2, "samples_rejected": 1}}}
                """);
        TrainingFeedback training = training(RecordLimits.DEFAULTS, """
                {"training_runs": {"r": {"final_loss": null}, "s": {"final_loss": 0.1}, "r": {"final_loss": 0.2}}}
                """);

        assertThat(quality.generators()).extracting(GeneratorStats::name, GeneratorStats::samplesGenerated)
                .containsExactly(tuple("a", 3.0), tuple("b", 2.0));
        assertThat(training.runs()).extracting(TrainingRun::id).containsExactly("r", "s");
        assertThat(training.completedRuns()).isEqualTo(2);
        assertThat(training.runningRuns()).isZero();
    }

    @Test
    void namesLongerThanTheLimitAreCutAndMarked() throws Exception {
        String longName = "g".repeat(10_000);
        QualityFeedback quality = quality(RecordLimits.DEFAULTS,
                "{\"generator_stats\": {\"" + longName + "\": {\"samples_generated\": 1, \"samples_accepted\": 1, \"samples_rejected\": 0}}}");

        String name = quality.generators().getFirst().name();
        assertThat(name).hasSize(RecordLimits.MAX_NAME_LENGTH).endsWith("g…");
    }
}
