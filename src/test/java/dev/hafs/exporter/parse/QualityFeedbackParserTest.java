package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static dev.hafs.exporter.parse.ParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hafs.exporter.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QualityFeedbackParserTest {
    private final QualityFeedbackParser parser = new QualityFeedbackParser(50, RecordLimits.DEFAULTS, UTC);

    private QualityFeedback fixture() throws Exception {
        return (QualityFeedback) parse(parser, Fixtures.text("basic", "quality_feedback.json")).data();
    }

    @Test
    void readsGeneratorsInFileOrderWithCountsReasonsAndAverageQuality() throws Exception {
        QualityFeedback quality = fixture();

        assertThat(quality.generators()).extracting(GeneratorStats::name)
                .containsExactly("unknown", "baseline", "idle \"quoted\" \\ gen ü");
        GeneratorStats unknown = quality.generators().getFirst();
        assertThat(unknown.samplesGenerated()).isEqualTo(500);
        assertThat(unknown.samplesAccepted()).isEqualTo(425);
        assertThat(unknown.samplesRejected()).isEqualTo(75);
        assertThat(unknown.rejectionReasons()).containsEntry("low_diversity", 25.0).containsEntry("validation_failed", 8.0)
                .hasSize(6);
        assertThat(unknown.avgQualityScore()).contains(0.82);
        assertThat(unknown.acceptanceRatio().getAsDouble()).isEqualTo(0.85);
    }

    @Test
    void acceptanceRatioIsAbsentWhenNothingWasJudgedAndNaNQualityParses() throws Exception {
        GeneratorStats idle = fixture().generators().get(2);

        assertThat(idle.acceptanceRatio()).isEmpty();
        assertThat(idle.avgQualityScore().orElseThrow()).isNaN();
    }

    @Test
    void skipsAGeneratorWhoseCountsAreStringsAndSaysWhich() throws Exception {
        ParseResult result = parse(parser, Fixtures.text("basic", "quality_feedback.json"));

        assertThat(result.skippedRecords().firstMessages()).containsExactly(
                "generator \"broken\": samples_generated is a string, expected a number");
    }

    @Test
    void readsThresholdsHistorySizeAndZoneLessLastUpdated() throws Exception {
        QualityFeedback quality = fixture();

        assertThat(quality.thresholds()).containsEntry("min_quality_score", 0.7).containsEntry("similarity_threshold", 0.95)
                .hasSize(6);
        assertThat(quality.rejectionHistoryEntries()).isEqualTo(4);
        assertThat(quality.lastUpdated()).contains(Instant.parse("2025-12-21T12:00:00.000001Z"));
    }

    @Test
    void buildsOneSeriesPerDomainAndScoreKeyInFileOrder() throws Exception {
        Map<String, ScoreSeries> series = fixture().scoreSeries().stream()
                .collect(Collectors.toMap(s -> s.domain() + "/" + s.score(), s -> s));

        assertThat(fixture().scoreSeries()).extracting(s -> s.domain() + "/" + s.score()).startsWith(
                "asm/diversity", "asm/kg_consistency", "asm/hallucination_risk", "asm/coherence", "asm/overall", "cpp/diversity");
        assertThat(series.get("asm/diversity").recentValues()).containsExactly(0.2, 0.4);
        assertThat(series.get("asm/diversity").recentMean()).isCloseTo(0.3, within(1e-12));
        assertThat(series.get("asm/overall").latest()).isEqualTo(0.6);
        assertThat(series.get("cpp/accuracy").recentValues()).containsExactly(0.9);
        assertThat(series.get("cpp/hallucination_risk").latest()).isEqualTo(1.0);
    }

    @Test
    void keepsOnlyTheLastWindowOfEachSeries() throws Exception {
        String history = IntStream.range(0, 120)
                .mapToObj(i -> "{\"domain\": \"asm\", \"scores\": {\"overall\": " + i / 1000.0 + "}}")
                .collect(Collectors.joining(",\n", "[", "]"));
        QualityFeedback quality = (QualityFeedback) parse(new QualityFeedbackParser(50, RecordLimits.DEFAULTS, UTC),
                "{\"rejection_history\": " + history + "}").data();

        ScoreSeries overall = quality.scoreSeries().getFirst();
        assertThat(overall.recentValues()).hasSize(50);
        assertThat(overall.recentValues().getFirst()).isEqualTo(0.070);
        assertThat(overall.latest()).isEqualTo(0.119);
        assertThat(overall.recentMean()).isCloseTo(IntStream.range(70, 120).average().getAsDouble() / 1000, within(1e-12));
        assertThat(quality.rejectionHistoryEntries()).isEqualTo(120);
    }

    @Test
    void readsNaNAndInfinityAsPythonWritesThem() throws Exception {
        QualityFeedback quality = (QualityFeedback) parse(parser, """
                {"thresholds": {"min_quality_score": NaN, "max_hallucination_risk": Infinity, "min_diversity": -Infinity}}
                """).data();

        assertThat(quality.thresholds().get("min_quality_score")).isNaN();
        assertThat(quality.thresholds().get("max_hallucination_risk")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(quality.thresholds().get("min_diversity")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void decodesEscapedNonAsciiNamesAsPythonWritesThem() throws Exception {
        QualityFeedback quality = (QualityFeedback) parse(parser, """
                {"generator_stats": {"gen\\u00fc\\"x": {"samples_generated": 1, "samples_accepted": 1, "samples_rejected": 0}}}
                """).data();

        assertThat(quality.generators().getFirst().name()).isEqualTo("genü\"x");
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() throws Exception {
        QualityFeedback quality = (QualityFeedback) parse(parser, """
                {"future": {"deep": [1, {"x": null}]}, "generator_stats": {"g": {"samples_generated": 2,
                 "samples_accepted": 1, "samples_rejected": 1, "new_field": {"a": [1]}}},
                 "rejection_history": [{"domain": "asm", "scores": {"overall": 0.5}, "embedding": [1, 2, 3]}]}
                """).data();

        assertThat(quality.generators()).hasSize(1);
        assertThat(quality.scoreSeries()).hasSize(1);
    }

    @Test
    void skipsHistoryEntriesWithoutDomainOrWithNonNumericScores() throws Exception {
        ParseResult result = parse(parser, """
                {"rejection_history": [
                  {"domain": "asm", "scores": {"overall": 0.5}},
                  {"scores": {"overall": 0.1}},
                  {"domain": "asm", "scores": {"overall": "high"}},
                  "not an object"
                ]}
                """);

        QualityFeedback quality = (QualityFeedback) result.data();
        assertThat(quality.scoreSeries().getFirst().recentValues()).containsExactly(0.5);
        assertThat(quality.rejectionHistoryEntries()).isEqualTo(4);
        assertThat(result.skippedRecords().firstMessages()).containsExactly(
                "rejection_history[1]: domain is missing",
                "rejection_history[2]: scores.overall is a string, expected a number",
                "rejection_history[3]: is a string, expected an object");
    }

    @Test
    void everyTruncationOfTheFileIsASyntaxErrorNeverAPartialLoad() {
        byte[] whole = Fixtures.text("basic", "quality_feedback.json").getBytes(StandardCharsets.UTF_8);
        List<Integer> accepted = IntStream.range(0, whole.length)
                .filter(length -> {
                    try {
                        parse(parser, Arrays.copyOf(whole, length));
                        return true;
                    } catch (MalformedSourceException e) {
                        return e.kind() != MalformedSourceException.Kind.SYNTAX;
                    } catch (Exception e) {
                        return true;
                    }
                })
                .boxed().toList();

        assertThat(accepted).isEmpty();
    }

    @Test
    void anEmptyFileIsASyntaxError() {
        assertThatThrownBy(() -> parse(parser, ""))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SYNTAX))
                .hasMessage("the file is empty");
    }

    @Test
    void wrongShapesAreSchemaErrorsNamingTheSection() {
        assertThatThrownBy(() -> parse(parser, "[1, 2]"))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SCHEMA))
                .hasMessage("the top level is an array, expected an object");
        assertThatThrownBy(() -> parse(parser, "{\"generator_stats\": [1]}"))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SCHEMA))
                .hasMessage("\"generator_stats\" is an array, expected an object");
        assertThatThrownBy(() -> parse(parser, "{\"rejection_history\": {}}"))
                .hasMessage("\"rejection_history\" is an object, expected an array");
    }

    @Test
    void contentAfterTheDocumentIsASyntaxError() {
        assertThatThrownBy(() -> parse(parser, "{}\n{}"))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SYNTAX));
    }
}
