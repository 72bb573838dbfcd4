package dev.hafs.exporter.parse;

import static dev.hafs.exporter.parse.ParserTesting.UTC;
import static dev.hafs.exporter.parse.ParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.testing.CurationFixture;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.PythonJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The five status files of the pilot → campaign workflow, in the shapes HAFS's agents write, and broken. */
class StatusFileParserTest {
    private static StatusFile status(Source source, String text) throws Exception {
        return (StatusFile) parse(new StatusFileParser(source, UTC), text).data();
    }

    private static StatusFile fixture(Source source) throws Exception {
        return status(source, Fixtures.text(CurationFixture.NAME, source.fileName()));
    }

    @Test
    void readsThePilotMonitorsStatus() throws Exception {
        StatusFile pilot = fixture(Source.PILOT_MONITOR_STATUS);

        assertThat(pilot.number(StatusField.PILOT_PROGRESS)).hasValue(190);
        assertThat(pilot.number(StatusField.PILOT_TOTAL)).hasValue(190);
        assertThat(pilot.number(StatusField.PILOT_ACCEPTANCE_RATE)).hasValue(0.8636);
        assertThat(pilot.number(StatusField.PILOT_ESTIMATED_QUALITY)).hasValue(0.8636);
        assertThat(pilot.number(StatusField.PILOT_QUALITY_THRESHOLD)).hasValue(0.75);
        assertThat(pilot.flag(StatusField.PILOT_QUALITY_PASS)).contains(true);
        assertThat(pilot.flag(StatusField.PILOT_COMPLETE)).contains(true);
        assertThat(pilot.timestamp(StatusField.PILOT_LAST_UPDATE)).contains(Instant.parse("2025-12-22T08:59:50.512345Z"));
        assertThat(pilot.lastUpdated()).contains(Instant.parse("2025-12-22T08:59:50.512346Z"));
        assertThat(pilot.recordsCapped()).isEmpty();
    }

    @Test
    void aPilotWithoutItsLogHasNoCountsAndZerosElsewhere() throws Exception {
        StatusFile pilot = status(Source.PILOT_MONITOR_STATUS, """
                {"progress": 0, "total": 190, "quality_scores": [], "acceptance_rate": 0.0, "is_complete": false,
                 "last_update": "2025-12-21T14:03:27", "estimated_quality": 0.0, "quality_threshold": 0.75,
                 "quality_pass": false, "monitor_timestamp": "2025-12-21T14:03:27.000001"}
                """);

        assertThat(pilot.number(StatusField.PILOT_PROGRESS)).hasValue(0);
        assertThat(pilot.flag(StatusField.PILOT_QUALITY_PASS)).contains(false);
        assertThat(pilot.timestamp(StatusField.PILOT_LAST_UPDATE)).contains(Instant.parse("2025-12-21T14:03:27Z"));
    }

    @Test
    void anUnboundedQualityScoresListIsSkippedUnread() throws Exception {
        String scores = IntStream.range(0, 200_000).mapToObj(i -> "0.5").collect(Collectors.joining(", ", "[", "]"));
        StatusFile pilot = status(Source.PILOT_MONITOR_STATUS, "{\"quality_scores\": " + scores + ", \"progress\": 7}");

        assertThat(pilot.number(StatusField.PILOT_PROGRESS)).hasValue(7);
        assertThat(pilot.values()).hasSize(1);
    }

    @Test
    void readsTheValidationAndItsChecksSkippingThePilotStatusItCarries() throws Exception {
        StatusFile validation = fixture(Source.CAMPAIGN_VALIDATION);

        assertThat(validation.flag(StatusField.VALIDATION_APPROVED)).contains(true);
        assertThat(validation.flags(StatusField.VALIDATION_CHECKS))
                .containsExactly(Map.entry("completion", true), Map.entry("min_samples", true), Map.entry("quality", true));
        assertThat(validation.timestamp(StatusField.VALIDATION_TIMESTAMP)).contains(Instant.parse("2025-12-22T08:59:55.512345Z"));
        assertThat(validation.recordsCapped()).containsExactly(Map.entry(CappedKind.VALIDATION_CHECKS, 0L));
    }

    @Test
    void aCheckThatIsNoBooleanIsSkippedAloneAndChecksAreCapped() throws Exception {
        String checks = IntStream.range(0, RecordLimits.VALIDATION_CHECKS + 7).mapToObj(i -> "\"c" + i + "\": " + (i % 2 == 0))
                .collect(Collectors.joining(", "));
        ParseResult result = parse(new StatusFileParser(Source.CAMPAIGN_VALIDATION, UTC),
                "{\"checks\": {\"odd\": \"yes\", \"gone\": null, " + checks + "}, \"approved\": false}");

        StatusFile validation = (StatusFile) result.data();
        assertThat(validation.flags(StatusField.VALIDATION_CHECKS)).hasSize(RecordLimits.VALIDATION_CHECKS)
                .containsEntry("c0", true).containsEntry("c1", false).doesNotContainKey("odd");
        assertThat(validation.capped(CappedKind.VALIDATION_CHECKS)).isEqualTo(7);
        assertThat(validation.flag(StatusField.VALIDATION_APPROVED)).contains(false);
        assertThat(result.skippedRecords().count()).isEqualTo(1);
        assertThat(result.skippedRecords().firstMessages().getFirst()).contains("\"odd\"").contains("expected a boolean");
    }

    @Test
    void readsALaunchAndAFailedOne() throws Exception {
        StatusFile launched = fixture(Source.CAMPAIGN_STATUS);
        assertThat(launched.flag(StatusField.CAMPAIGN_LAUNCHED)).contains(true);
        assertThat(launched.number(StatusField.CAMPAIGN_PID)).hasValue(CurationFixture.DEAD_PID);
        assertThat(launched.number(StatusField.CAMPAIGN_TARGET)).hasValue(34_500);
        assertThat(launched.timestamp(StatusField.CAMPAIGN_LAUNCH_TIME)).contains(Instant.parse("2025-12-22T10:00:00Z"));

        StatusFile failed = status(Source.CAMPAIGN_STATUS, """
                {"launched": false, "error": "No such file", "launch_time": "2025-12-22T10:00:00.5", "validation": {"approved": true}}
                """);
        assertThat(failed.flag(StatusField.CAMPAIGN_LAUNCHED)).contains(false);
        assertThat(failed.number(StatusField.CAMPAIGN_PID)).isEmpty();
        assertThat(failed.number(StatusField.CAMPAIGN_TARGET)).isEmpty();
    }

    @Test
    void readsTheCampaignMonitorButNotItsPercentage() throws Exception {
        StatusFile monitor = fixture(Source.CAMPAIGN_MONITOR_STATUS);

        assertThat(monitor.number(StatusField.MONITOR_PROGRESS)).hasValue(400);
        assertThat(monitor.number(StatusField.MONITOR_TOTAL)).hasValue(6900);
        assertThat(monitor.flag(StatusField.MONITOR_RUNNING)).contains(true);
        assertThat(monitor.timestamp(StatusField.MONITOR_LAST_UPDATE)).contains(Instant.parse("2025-12-22T10:40:00.250Z"));
        assertThat(monitor.values()).hasSize(4);
    }

    @Test
    void readsTheOrchestratorsPhaseAndTimes() throws Exception {
        StatusFile orchestrator = status(Source.ORCHESTRATOR_STATE, PythonJson.dumps(HafsCuration.orchestrator("validation_failed",
                LocalDateTime.of(2025, 12, 21, 8, 0), LocalDateTime.of(2025, 12, 21, 9, 30, 0, 5_000), Map.of())));

        assertThat(orchestrator.text(StatusField.ORCHESTRATOR_PHASE)).contains("validation_failed");
        assertThat(orchestrator.timestamp(StatusField.ORCHESTRATOR_STARTED)).contains(Instant.parse("2025-12-21T08:00:00Z"));
        assertThat(orchestrator.timestamp(StatusField.ORCHESTRATOR_COMPLETED)).contains(Instant.parse("2025-12-21T09:30:00.000005Z"));
        assertThat(orchestrator.lastUpdated()).isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeIsSkippedAloneAndCounted() throws Exception {
        ParseResult result = parse(new StatusFileParser(Source.CAMPAIGN_MONITOR_STATUS, UTC), """
                {"progress": "many", "total": 6900, "is_running": 1, "last_update": "yesterday", "percentage": "n/a"}
                """);

        StatusFile monitor = (StatusFile) result.data();
        assertThat(monitor.number(StatusField.MONITOR_PROGRESS)).isEmpty();
        assertThat(monitor.number(StatusField.MONITOR_TOTAL)).hasValue(6900);
        assertThat(monitor.flag(StatusField.MONITOR_RUNNING)).isEmpty();
        assertThat(monitor.timestamp(StatusField.MONITOR_LAST_UPDATE)).isEmpty();
        assertThat(result.skippedRecords().count()).isEqualTo(3);
        assertThat(result.skippedRecords().firstMessages()).anySatisfy(message -> assertThat(message)
                .contains("progress is a string, expected a number"))
                .anySatisfy(message -> assertThat(message).contains("is_running is a number, expected a boolean"))
                .anySatisfy(message -> assertThat(message).contains("last_update is \"yesterday\", expected a timestamp"));
    }

    @Test
    void nullIsAbsentAndAFieldWrittenTwiceKeepsItsLastValue() throws Exception {
        ParseResult result = parse(new StatusFileParser(Source.CAMPAIGN_MONITOR_STATUS, UTC),
                "{\"progress\": 1, \"progress\": 2, \"total\": null, \"is_running\": true, \"is_running\": null}");

        StatusFile monitor = (StatusFile) result.data();
        assertThat(monitor.number(StatusField.MONITOR_PROGRESS)).hasValue(2);
        assertThat(monitor.number(StatusField.MONITOR_TOTAL)).isEmpty();
        assertThat(monitor.flag(StatusField.MONITOR_RUNNING)).isEmpty();
        assertThat(result.skippedRecords().isEmpty()).isTrue();
    }

    @Test
    void aTruncatedFileIsASyntaxErrorAndAnArrayASchemaError() {
        String whole = Fixtures.text(CurationFixture.NAME, Source.PILOT_MONITOR_STATUS.fileName());

        assertThatThrownBy(() -> status(Source.PILOT_MONITOR_STATUS, whole.substring(0, whole.length() / 2)))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SYNTAX));
        assertThatThrownBy(() -> status(Source.ORCHESTRATOR_STATE, "[\"campaign_launched\"]"))
                .isInstanceOfSatisfying(MalformedSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedSourceException.Kind.SCHEMA));
    }

    @Test
    void aLongPhaseIsCutToALabelsLength() throws Exception {
        StatusFile orchestrator = status(Source.ORCHESTRATOR_STATE, "{\"phase\": \"" + "p".repeat(10_000) + "\"}");

        assertThat(orchestrator.text(StatusField.ORCHESTRATOR_PHASE).orElseThrow()).hasSize(RecordLimits.MAX_NAME_LENGTH).endsWith("…");
    }

    @Test
    void everyStatusSourceHasItsFieldsAndOnlyStatusFilesHaveAny() {
        assertThat(StatusField.sources()).containsExactly(Source.PILOT_MONITOR_STATUS, Source.CAMPAIGN_VALIDATION,
                Source.CAMPAIGN_STATUS, Source.CAMPAIGN_MONITOR_STATUS, Source.ORCHESTRATOR_STATE);
        assertThatThrownBy(() -> new StatusFileParser(Source.DATASETS, UTC)).isInstanceOf(IllegalArgumentException.class);
    }
}
