package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static dev.hafs.exporter.parse.ParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The caps on unbounded kinds of records: what is kept, what is counted, what the aggregates still cover. */
class RecordLimitsTest {
    private static final RecordLimits THREE_EACH = new RecordLimits(3, 3, 3, 3);

    @Test
    void keepsTheNewestRunsByStartTimeButCountsAllRuns() throws Exception {
        String runs = IntStream.range(0, 10)
                .mapToObj(i -> "\"run-" + i + "\": {\"model_name\": \"m\", \"start_time\": \"2025-12-%02dT08:00:00\", \"final_loss\": %s}"
                        .formatted(20 - i, i % 2 == 0 ? "0.5" : "null"))
                .collect(Collectors.joining(",", "{\"training_runs\": {", "}}"));

        TrainingFeedback training = (TrainingFeedback) parse(new TrainingFeedbackParser(THREE_EACH, UTC), runs).data();

        assertThat(training.runs()).extracting(TrainingRun::id).containsExactly("run-0", "run-1", "run-2");
        assertThat(training.runsLeftOut()).isEqualTo(7);
        assertThat(training.completedRuns()).isEqualTo(5);
        assertThat(training.runningRuns()).isEqualTo(5);
        assertThat(training.recordsLeftOut()).containsEntry("runs", 7L);
    }

    @Test
    void keepsTheGeneratorsThatGeneratedMost() throws Exception {
        String generators = IntStream.range(0, 6)
                .mapToObj(i -> "\"g" + i + "\": {\"samples_generated\": " + (i * 7 % 6) + ", \"samples_accepted\": 0, \"samples_rejected\": 0}")
                .collect(Collectors.joining(",", "{\"generator_stats\": {", "}}"));

        QualityFeedback quality = (QualityFeedback) parse(new QualityFeedbackParser(50, THREE_EACH, UTC), generators).data();

        assertThat(quality.generators()).extracting(GeneratorStats::name).containsExactly("g3", "g4", "g5");
        assertThat(quality.generatorsLeftOut()).isEqualTo(3);
    }

    @Test
    void keepsTheFirstScoreSeriesAndCountsTheOthers() throws Exception {
        String history = IntStream.range(0, 5)
                .mapToObj(i -> "{\"domain\": \"d" + i + "\", \"scores\": {\"overall\": 0.5}}")
                .collect(Collectors.joining(",", "{\"rejection_history\": [", "]}"));

        QualityFeedback quality = (QualityFeedback) parse(new QualityFeedbackParser(50, THREE_EACH, UTC), history).data();

        assertThat(quality.scoreSeries()).extracting(ScoreSeries::domain).containsExactly("d0", "d1", "d2");
        assertThat(quality.scoreSeriesLeftOut()).isEqualTo(2);
    }

    @Test
    void keepsTheFirstRegionsButComputesCoverageOverAll() throws Exception {
        String regions = IntStream.of(10, 10, 10, 10, 0, 0)
                .mapToObj(count -> "{\"sample_count\": " + count + ", \"domain\": \"asm\"}")
                .collect(Collectors.joining(",", "{\"regions\": [", "]}"));

        ActiveLearning learning = (ActiveLearning) parse(new ActiveLearningParser(THREE_EACH, UTC), regions).data();

        assertThat(learning.regions()).hasSize(3);
        assertThat(learning.regionsLeftOut()).isEqualTo(3);
        assertThat(learning.regionsPresent()).isEqualTo(6);
        assertThat(learning.sparseRegions()).isEqualTo(2);
        assertThat(learning.meanSampleCount()).hasValue(40 / 6.0);
    }

    @Test
    void namesLongerThanTheLimitAreCutAndMarked() throws Exception {
        String longName = "g".repeat(10_000);
        QualityFeedback quality = (QualityFeedback) parse(new QualityFeedbackParser(50, RecordLimits.DEFAULTS, UTC),
                "{\"generator_stats\": {\"" + longName + "\": {\"samples_generated\": 1, \"samples_accepted\": 1, \"samples_rejected\": 0}}}")
                .data();

        String name = quality.generators().getFirst().name();
        assertThat(name).hasSize(RecordLimits.MAX_NAME_LENGTH).endsWith("g…");
    }
}
