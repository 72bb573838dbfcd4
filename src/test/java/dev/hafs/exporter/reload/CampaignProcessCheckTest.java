package dev.hafs.exporter.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.parse.HafsTimestamps;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.StatusFileParser;
import dev.hafs.exporter.read.ProcessTable;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.CampaignProcess;
import dev.hafs.exporter.snapshot.SourceState;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.testing.CapturedLog;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Processes;
import dev.hafs.exporter.testing.PythonJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign's pid against real processes of this machine, in every state HAFS's pid can be found in. */
class CampaignProcessCheckTest {
    @TempDir
    Path dir;
    private final Processes processes = new Processes();
    private final TrainingSnapshot empty = TrainingSnapshot.initial(Instant.now());

    @AfterEach
    void stop() {
        processes.close();
    }

    private CampaignProcessCheck check() {
        return new CampaignProcessCheck(dir, Optional.of(new ProcessTable()));
    }

    private void pidFile(long pid) {
        HafsWriter.write(dir.resolve("campaign.pid"), Long.toString(pid));
    }

    private static CampaignProcess.State state(Optional<CampaignProcess> process) {
        return process.orElseThrow().state();
    }

    @Test
    void aRunningProcessWrittenAfterItStartedIsUp() {
        long pid = processes.running();
        pidFile(pid);

        Optional<CampaignProcess> process = check().check(empty);

        assertThat(process).contains(new CampaignProcess(pid, "campaign.pid", CampaignProcess.State.RUNNING));
        assertThat(process.orElseThrow().up()).isTrue();
    }

    @Test
    void aPidNobodyHasIsGone() {
        pidFile(processes.gone());

        assertThat(state(check().check(empty))).isEqualTo(CampaignProcess.State.GONE);
    }

    @Test
    void aZombieIsNotUp() {
        pidFile(processes.zombie());

        Optional<CampaignProcess> process = check().check(empty);

        assertThat(state(process)).isEqualTo(CampaignProcess.State.ZOMBIE);
        assertThat(process.orElseThrow().up()).isFalse();
    }

    @Test
    void aProcessThatStartedAfterThePidWasWrittenIsAnotherOneThatGotThePid() throws Exception {
        long pid = processes.running();
        pidFile(pid);
        Files.setLastModifiedTime(dir.resolve("campaign.pid"), FileTime.from(Instant.now().minusSeconds(3600)));

        assertThat(state(check().check(empty))).isEqualTo(CampaignProcess.State.STARTED_LATER);
    }

    @Test
    void withoutCampaignPidThePidOfCampaignStatusIsChecked() throws Exception {
        long pid = processes.running();
        TrainingSnapshot launched = withCampaignStatus(PythonJson.dumps(HafsCuration.launched(pid, 34_500, LocalDateTime.now(), Map.of())));

        assertThat(check().check(launched)).contains(new CampaignProcess(pid, "campaign_status.json", CampaignProcess.State.RUNNING));
    }

    @Test
    void withoutAnyPidThereIsNothingToSay() throws Exception {
        TrainingSnapshot failedLaunch = withCampaignStatus("{\"launched\": false, \"error\": \"x\", \"launch_time\": \"2025-12-22T10:00:00\"}");

        assertThat(check().check(empty)).isEmpty();
        assertThat(check().check(failedLaunch)).isEmpty();
    }

    @Test
    void aPidFileCaughtHalfWrittenKeepsItsLastPid() {
        long pid = processes.running();
        pidFile(pid);
        CampaignProcessCheck check = check();
        assertThat(state(check.check(empty))).isEqualTo(CampaignProcess.State.RUNNING);

        new HafsWriter(dir.resolve("campaign.pid")).truncate();

        assertThat(check.check(empty)).contains(new CampaignProcess(pid, "campaign.pid", CampaignProcess.State.RUNNING));
    }

    @Test
    void aProcessThatDiesShowsAtTheNextCheckWithoutAnyFileChanging() {
        long pid = processes.running();
        pidFile(pid);
        CampaignProcessCheck check = check();
        assertThat(state(check.check(empty))).isEqualTo(CampaignProcess.State.RUNNING);

        processes.kill(pid);

        assertThat(state(check.check(empty))).isEqualTo(CampaignProcess.State.GONE);
    }

    @Test
    void whereThereIsNoProcToLookAtNothingIsClaimed() {
        pidFile(processes.running());

        assertThat(new CampaignProcessCheck(dir, Optional.of(new ProcessTable(dir.resolve("no-proc")))).check(empty)).isEmpty();
    }

    @Test
    void turnedOffItClaimsNothingForAnyPidAndSaysSoOnceAtStart() throws Exception {
        long pid = processes.running();
        pidFile(pid);
        TrainingSnapshot launched = withCampaignStatus(PythonJson.dumps(HafsCuration.launched(pid, 34_500, LocalDateTime.now(), Map.of())));
        try (CapturedLog log = CapturedLog.of(CampaignProcessCheck.class)) {
            CampaignProcessCheck off = new CampaignProcessCheck(dir, Optional.empty());

            assertThat(off.check(launched)).isEmpty();
            processes.kill(pid);
            assertThat(off.check(launched)).isEmpty();
            assertThat(log.lines()).singleElement().asString()
                    .contains("level=info", "--no-campaign.process-check", "hafs_campaign_process_up is not exported");
        }
        assertThat(check().check(launched)).map(CampaignProcess::state).contains(CampaignProcess.State.GONE);
    }

    @Test
    void aPidAboveTheLargestPossibleIsGone() {
        pidFile(4_999_999);

        assertThat(state(check().check(empty))).isEqualTo(CampaignProcess.State.GONE);
    }

    private TrainingSnapshot withCampaignStatus(String json) throws Exception {
        HafsWriter.write(dir.resolve("campaign_status.json"), json);
        ParseResult parsed = new StatusFileParser(Source.CAMPAIGN_STATUS, new HafsTimestamps(ZoneOffset.UTC))
                .parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        SourceState state = new SourceState(empty.source(Source.CAMPAIGN_STATUS).status().loaded(Instant.now(), parsed.skippedRecords()),
                Optional.of(parsed.data()));
        return empty.with(Source.CAMPAIGN_STATUS, state);
    }
}
