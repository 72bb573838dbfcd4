package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static dev.hafs.exporter.parse.ParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.testing.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingFeedbackParserTest {
    private final TrainingFeedbackParser parser = new TrainingFeedbackParser(RecordLimits.DEFAULTS, UTC);

    @Test
    void aRunWithANullLossIsRunningAndDoesNotBreakTheFile() throws Exception {
        TrainingFeedback training = (TrainingFeedback) parse(parser, Fixtures.text("basic", "training_feedback.json")).data();

        assertThat(training.runs()).extracting(TrainingRun::id).containsExactly("run-001", "run-002", "run-<003>&");
        assertThat(training.completedRuns()).isEqualTo(2);
        assertThat(training.runningRuns()).isEqualTo(1);
        TrainingRun running = training.runs().get(1);
        assertThat(running.finalLoss()).isEmpty();
        assertThat(running.endTime()).isEmpty();
        assertThat(running.samplesCount()).contains(2000.0);
    }

    @Test
    void readsLossesMetricsTimesAndEffectiveness() throws Exception {
        TrainingFeedback training = (TrainingFeedback) parse(parser, Fixtures.text("basic", "training_feedback.json")).data();

        TrainingRun first = training.runs().getFirst();
        assertThat(first.model()).isEqualTo("qwen2.5-coder-finetuned");
        assertThat(first.finalLoss()).contains(0.089);
        assertThat(first.evalMetrics()).containsEntry("accuracy", 0.92).containsEntry("pass_at_1", 0.41);
        assertThat(first.endTime()).contains(Instant.parse("2025-12-20T10:00:00.250Z"));
        assertThat(training.domainEffectiveness()).containsEntry("asm", 0.025).containsEntry("cpp", -0.01);
    }

    @Test
    void aRunWithALossOfTheWrongTypeIsSkippedAlone() throws Exception {
        ParseResult result = parse(parser, """
                {"training_runs": {
                  "good": {"model_name": "m", "final_loss": 0.5},
                  "bad": {"model_name": "m", "final_loss": "low"},
                  "nan": {"model_name": "m", "final_loss": NaN}
                }}
                """);

        TrainingFeedback training = (TrainingFeedback) result.data();
        assertThat(training.runs()).extracting(TrainingRun::id).containsExactly("good", "nan");
        assertThat(training.runs().get(1).finalLoss().orElseThrow()).isNaN();
        assertThat(result.skippedRecords().firstMessages()).containsExactly("training run \"bad\": final_loss is a string, expected a number");
    }

    @Test
    void anEmptyObjectIsAValidFileWithNoRuns() throws Exception {
        TrainingFeedback training = (TrainingFeedback) parse(parser, "{}").data();

        assertThat(training.runs()).isEmpty();
        assertThat(training.lastUpdated()).isEmpty();
    }
}
