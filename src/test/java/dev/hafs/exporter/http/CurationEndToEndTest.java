package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.HafsCuration;
import dev.hafs.exporter.testing.HafsWriter;
import dev.hafs.exporter.testing.Processes;
import dev.hafs.exporter.testing.PythonJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 as a user sees it: a real exporter on an ephemeral port over a directory that HAFS's
 * writers fill while it runs (simulated file by file, in their order and shapes), and every value
 * of the tables asserted on /metrics. Dataset folders are followed with the poll interval at
 * an hour, so each step must arrive through the directory watch; the campaign's process is checked
 * at every poll, so it runs with a short one, and processes die there without any file changing.
 */
@Tag("slow")
class CurationEndToEndTest {
    private static final Duration VISIBLE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final Processes processes = new Processes();
    private HafsTrainingExporter exporter;
    private HafsTrainingExporter unchecked;
    private ExporterClient client;

    private void start(String pollInterval) {
        exporter = started(pollInterval);
        client = new ExporterClient(exporter.port());
    }

    private HafsTrainingExporter started(String pollInterval, String... flags) {
        List<String> args = new ArrayList<>(List.of("--training.dir=" + dir, "--web.listen-address=127.0.0.1:0",
                "--watch.poll-interval=" + pollInterval));
        args.addAll(List.of(flags));
        return HafsTrainingExporter.start(ExporterConfig.fromArgs(args.toArray(String[]::new)));
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
        if (unchecked != null) {
            unchecked.close();
        }
        processes.close();
    }

    private Exposition scrape() {
        return client.scrape();
    }

    private double value(String series) {
        return scrape().value(series).orElse(Double.NaN);
    }

    private static double seconds(LocalDateTime local) {
        return local.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
    }

    private static String dataset(String metric, HafsCuration.Dataset dataset, String... labels) {
        StringBuilder series = new StringBuilder(metric).append("{dataset=\"").append(dataset.folder()).append('"');
        for (int i = 0; i < labels.length; i += 2) {
            series.append(',').append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
        }
        return series.append('}').toString();
    }

    @Test
    void datasetFoldersShowFileByFileAsHafsWritesThem() {
        start("1h");
        HafsCuration hafs = new HafsCuration(dir);
        HafsCuration.Dataset reference = HafsCuration.Dataset.fieldReference();
        assertThat(value("hafs_source_up{file=\"datasets\"}")).isZero();
        assertThat(value("hafs_source_present{file=\"datasets\"}")).isZero();

        // datasets/ and the folder appear while the exporter runs; the splits come first.
        HafsCuration.DatasetWriter folder = hafs.dataset(reference).splits();
        await().atMost(VISIBLE).until(() -> value("hafs_datasets") == 1);
        Exposition splitsOnly = scrape();
        assertThat(splitsOnly.value("hafs_source_up{file=\"datasets\"}")).hasValue(1);
        assertThat(splitsOnly.value("hafs_source_records_skipped{file=\"datasets\"}")).hasValue(1);
        assertThat(splitsOnly.family("hafs_dataset_samples_final")).isEmpty();

        // stats.json half-written: never a partial dataset.
        String stats = PythonJson.dumps(reference.stats());
        HafsWriter half = new HafsWriter(folder.folder().resolve("stats.json")).truncate().append(stats.substring(0, stats.length() / 2));
        await().during(Duration.ofMillis(300)).atMost(VISIBLE).until(() -> scrape().family("hafs_dataset_samples_generated").isEmpty()
                && value("hafs_source_records_skipped{file=\"datasets\"}") == 1);
        half.append(stats.substring(stats.length() / 2));
        await().atMost(VISIBLE).until(() -> client.get("/").body().contains("metadata.json is missing"));
        assertThat(scrape().family("hafs_dataset_samples_generated")).isEmpty();

        folder.metadata();
        await().atMost(VISIBLE).until(() -> value(dataset("hafs_dataset_samples_final", reference)) == 3173);
        Exposition whole = scrape();
        assertThat(whole.value(dataset("hafs_dataset_created_timestamp_seconds", reference))).hasValue(seconds(reference.created()));
        assertThat(whole.value(dataset("hafs_dataset_samples_generated", reference))).hasValue(6421);
        assertThat(whole.value(dataset("hafs_dataset_samples_passed_quality", reference))).hasValue(3100);
        assertThat(whole.value(dataset("hafs_dataset_samples_deduplicated", reference))).hasValue(167);
        assertThat(whole.value(dataset("hafs_dataset_samples_augmented", reference))).hasValue(240);
        assertThat(whole.family("hafs_dataset_split_samples")).containsExactlyInAnyOrderEntriesOf(Map.of(
                dataset("hafs_dataset_split_samples", reference, "split", "train"), 2538.0,
                dataset("hafs_dataset_split_samples", reference, "split", "val"), 317.0,
                dataset("hafs_dataset_split_samples", reference, "split", "test"), 318.0));
        assertThat(whole.family("hafs_dataset_domain_samples_generated")).containsExactlyInAnyOrderEntriesOf(Map.of(
                dataset("hafs_dataset_domain_samples_generated", reference, "domain", "asm"), 1380.0,
                dataset("hafs_dataset_domain_samples_generated", reference, "domain", "gigaleak"), 1380.0,
                dataset("hafs_dataset_domain_samples_generated", reference, "domain", "asm+oracle"), 12.0));
        assertThat(whole.value(dataset("hafs_dataset_quality_score_avg", reference))).hasValue(0.71);
        assertThat(whole.value(dataset("hafs_dataset_curation_duration_seconds", reference))).hasValue(5423.7);
        assertThat(whole.family("hafs_dataset_rejections")).isEmpty();
        assertThat(whole.value("hafs_source_records_skipped{file=\"datasets\"}")).hasValue(0);
        assertThat(whole.value("hafs_source_records_capped{file=\"datasets\",kind=\"datasets\"}")).hasValue(0);
        assertThat(whole.value("hafs_source_last_updated_timestamp_seconds{file=\"datasets\"}")).hasValue(seconds(reference.created()));

        // Only when something was rejected: rejected.jsonl, then the summary.
        folder.rejections();
        await().atMost(VISIBLE).until(() -> scrape().family("hafs_dataset_domain_rejections").size() == 3);
        Exposition rejected = scrape();
        assertThat(rejected.family("hafs_dataset_rejections")).containsExactlyInAnyOrderEntriesOf(Map.of(
                dataset("hafs_dataset_rejections", reference, "reason", "low_quality"), 2900.0,
                dataset("hafs_dataset_rejections", reference, "reason", "duplicate"), 167.0,
                dataset("hafs_dataset_rejections", reference, "reason", "validation_failed"), 181.0));
        assertThat(rejected.family("hafs_dataset_domain_rejections")).containsExactlyInAnyOrderEntriesOf(Map.of(
                dataset("hafs_dataset_domain_rejections", reference, "domain", "asm"), 1600.0,
                dataset("hafs_dataset_domain_rejections", reference, "domain", "gigaleak"), 1560.0,
                dataset("hafs_dataset_domain_rejections", reference, "domain", "asm+oracle"), 88.0));

        // A second curation, with a double timestamp in its folder's name.
        HafsCuration.Dataset second = HafsCuration.Dataset.of("pilot_1000", LocalDateTime.of(2025, 12, 22, 12, 15, 1), 1000, 700)
                .inFolder("pilot_1000_20251222_120000_20251222_121501");
        HafsCuration.DatasetWriter next = hafs.dataset(second).splits();
        await().atMost(VISIBLE).until(() -> value("hafs_datasets") == 2 && value("hafs_source_records_skipped{file=\"datasets\"}") == 1);
        // Its late files are seen only through a watch on the new folder itself: inotify is not recursive.
        next.stats().metadata().rejections();
        await().atMost(VISIBLE).until(() -> value(dataset("hafs_dataset_samples_final", second)) == 700);
        assertThat(value(dataset("hafs_dataset_created_timestamp_seconds", second))).isEqualTo(seconds(second.created()));
        assertThat(value("hafs_source_last_updated_timestamp_seconds{file=\"datasets\"}")).isEqualTo(seconds(second.created()));
    }

    @Test
    void thePilotAndCampaignShowEveryValueAndTheProcessIsCheckedAtEveryPoll() throws Exception {
        start("200ms");
        HafsCuration hafs = new HafsCuration(dir);
        LocalDateTime started = LocalDateTime.of(2025, 12, 22, 8, 0, 0, 123_456_000);

        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator("monitoring_pilot", started, null, Map.of()));
        await().atMost(VISIBLE).until(() -> value("hafs_orchestrator_phase{phase=\"monitoring_pilot\"}") == 1);
        assertPhase("monitoring_pilot");
        assertThat(value("hafs_orchestrator_started_timestamp_seconds")).isEqualTo(seconds(started));
        assertThat(scrape().has("hafs_orchestrator_completed_timestamp_seconds")).isFalse();

        LocalDateTime pilotAt = LocalDateTime.of(2025, 12, 22, 8, 30, 10, 500_000_000);
        Map<String, Object> running = HafsCuration.pilotStatus(145, 190, 0.8636, false, 0.75, pilotAt);
        hafs.write(HafsCuration.PILOT, running);
        await().atMost(VISIBLE).until(() -> value("hafs_pilot_progress") == 145);
        Exposition pilot = scrape();
        assertThat(pilot.value("hafs_pilot_progress_target")).hasValue(190);
        assertThat(pilot.value("hafs_pilot_acceptance_ratio")).hasValue(0.8636);
        assertThat(pilot.value("hafs_pilot_estimated_quality")).hasValue(0.8636);
        assertThat(pilot.value("hafs_pilot_quality_threshold")).hasValue(0.75);
        assertThat(pilot.value("hafs_pilot_quality_pass")).hasValue(1);
        assertThat(pilot.value("hafs_pilot_complete")).hasValue(0);
        assertThat(pilot.value("hafs_pilot_monitor_timestamp_seconds")).hasValue(seconds(pilotAt));
        assertThat(pilot.has("hafs_pilot_percentage")).isFalse();

        Map<String, Object> done = HafsCuration.pilotStatus(190, 190, 0.7, true, 0.75, pilotAt.plusMinutes(20));
        hafs.write(HafsCuration.PILOT, done);
        LocalDateTime validatedAt = pilotAt.plusMinutes(21);
        hafs.write(HafsCuration.VALIDATION, HafsCuration.validation(done, 150, validatedAt));
        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator("validation_failed", started, validatedAt, done));
        await().atMost(VISIBLE).until(() -> value("hafs_orchestrator_phase{phase=\"validation_failed\"}") == 1
                && value("hafs_campaign_validation_timestamp_seconds") == seconds(validatedAt));
        Exposition failed = scrape();
        assertThat(failed.value("hafs_pilot_complete")).hasValue(1);
        assertThat(failed.value("hafs_pilot_quality_pass")).hasValue(0);
        assertThat(failed.value("hafs_campaign_validation_approved")).hasValue(0);
        assertThat(failed.family("hafs_campaign_validation_check")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hafs_campaign_validation_check{check=\"completion\"}", 1.0,
                "hafs_campaign_validation_check{check=\"min_samples\"}", 1.0,
                "hafs_campaign_validation_check{check=\"quality\"}", 0.0));
        assertThat(failed.value("hafs_orchestrator_completed_timestamp_seconds")).hasValue(seconds(validatedAt));
        assertPhase("validation_failed");

        // A second pilot passes and the campaign is launched: a live process, its pid recorded after it started.
        Map<String, Object> passed = HafsCuration.pilotStatus(190, 190, 0.86, true, 0.75, pilotAt.plusHours(2));
        hafs.write(HafsCuration.PILOT, passed);
        Map<String, Object> validation = HafsCuration.validation(passed, 150, pilotAt.plusHours(2));
        hafs.write(HafsCuration.VALIDATION, validation);
        long pid = processes.running();
        LocalDateTime launchedAt = LocalDateTime.of(2025, 12, 22, 11, 0, 0);
        hafs.pidFile(pid);
        hafs.write(HafsCuration.CAMPAIGN, HafsCuration.launched(pid, 34_500, launchedAt, validation));
        LocalDateTime progressAt = launchedAt.plusMinutes(40);
        hafs.write(HafsCuration.MONITOR, HafsCuration.campaignProgress(1234, 6900, progressAt));
        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator("campaign_launched", started, null, passed));
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_progress") == 1234 && value("hafs_campaign_process_up") == 1
                && value("hafs_orchestrator_phase{phase=\"campaign_launched\"}") == 1);
        Exposition launched = scrape();
        assertThat(launched.value("hafs_campaign_validation_approved")).hasValue(1);
        assertThat(launched.family("hafs_campaign_validation_check").values()).containsOnly(1.0).hasSize(3);
        assertThat(launched.value("hafs_campaign_launched")).hasValue(1);
        assertThat(launched.value("hafs_campaign_launch_timestamp_seconds")).hasValue(seconds(launchedAt));
        assertThat(launched.value("hafs_campaign_target_samples")).hasValue(34_500);
        assertThat(launched.value("hafs_campaign_progress_target")).hasValue(6900);
        assertThat(launched.value("hafs_campaign_running")).hasValue(1);
        assertThat(launched.value("hafs_campaign_monitor_timestamp_seconds")).hasValue(seconds(progressAt));
        assertThat(launched.has("hafs_orchestrator_completed_timestamp_seconds")).isFalse();
        assertThat(launched.family("hafs_source_up")).containsAllEntriesOf(Map.of(
                "hafs_source_up{file=\"pilot_monitor_status.json\"}", 1.0, "hafs_source_up{file=\"campaign_validation.json\"}", 1.0,
                "hafs_source_up{file=\"campaign_status.json\"}", 1.0, "hafs_source_up{file=\"campaign_monitor_status.json\"}", 1.0,
                "hafs_source_up{file=\"orchestrator_state.json\"}", 1.0));
        assertThat(launched.has("hafs_source_up{file=\"campaign.pid\"}")).as("campaign.pid is no source").isFalse();
        assertPhase("campaign_launched");

        // The campaign crashes: no file changes, HAFS keeps saying it runs; the next poll sees the process gone.
        processes.kill(pid);
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 0);
        assertThat(value("hafs_campaign_running")).isEqualTo(1);

        // A finished campaign left as a zombie by the launcher that never waits for it.
        long alive = processes.running();
        hafs.pidFile(alive);
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 1);
        hafs.pidFile(processes.zombie());
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 0);

        // The pid now belongs to a process that started after the pid file was written.
        hafs.pidFile(alive);
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 1);
        Files.setLastModifiedTime(dir.resolve(HafsCuration.PID), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 0);

        // Without campaign.pid the status file's pid is checked; without any pid the series is gone.
        Files.delete(dir.resolve(HafsCuration.PID));
        hafs.write(HafsCuration.CAMPAIGN, HafsCuration.launched(alive, 34_500, launchedAt, validation));
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 1);
        Map<String, Object> failedLaunch = new LinkedHashMap<>(Map.of("launched", false, "error", "no such script",
                "launch_time", PythonJson.isoformat(launchedAt.plusHours(1))));
        hafs.write(HafsCuration.CAMPAIGN, failedLaunch);
        await().atMost(VISIBLE).until(() -> !scrape().has("hafs_campaign_process_up") && value("hafs_campaign_launched") == 0);
        assertThat(scrape().has("hafs_campaign_target_samples")).isFalse();

        // An unknown phase still shows, beside the seven known ones at 0; the last phase has its completion time.
        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator("paused_by_user", started, null, passed));
        await().atMost(VISIBLE).until(() -> value("hafs_orchestrator_phase{phase=\"paused_by_user\"}") == 1);
        assertThat(scrape().family("hafs_orchestrator_phase").values()).containsOnly(0.0, 1.0).hasSize(8);
        LocalDateTime completedAt = launchedAt.plusHours(9);
        hafs.write(HafsCuration.MONITOR, HafsCuration.campaignProgress(6900, 6900, completedAt));
        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator("campaign_complete", started, completedAt, passed));
        await().atMost(VISIBLE).until(() -> value("hafs_orchestrator_phase{phase=\"campaign_complete\"}") == 1
                && value("hafs_campaign_running") == 0);
        assertPhase("campaign_complete");
        assertThat(value("hafs_orchestrator_completed_timestamp_seconds")).isEqualTo(seconds(completedAt));
    }

    /**
     * Where HAFS runs out of the exporter's sight (another pod), the check is turned off: the same
     * running campaign that an exporter with the check on shows as up has no process series at all on
     * the other, poll after poll, so HafsCampaignProcessGone has nothing to fire on; the rest is served.
     */
    @Test
    void withTheProcessCheckOffTheSeriesIsAbsentWhileTheSameCampaignShowsUpWithItOn() {
        HafsCuration hafs = new HafsCuration(dir);
        long pid = processes.running();
        hafs.pidFile(pid);
        hafs.write(HafsCuration.CAMPAIGN, HafsCuration.launched(pid, 34_500, LocalDateTime.now(), Map.of()));
        hafs.write(HafsCuration.MONITOR, HafsCuration.campaignProgress(1234, 6900, LocalDateTime.now()));
        start("200ms");
        unchecked = started("200ms", "--no-campaign.process-check");
        ExporterClient withoutCheck = new ExporterClient(unchecked.port());

        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 1);
        await().atMost(VISIBLE).until(() -> withoutCheck.scrape().value("hafs_campaign_launched").orElse(0.0) == 1
                && withoutCheck.scrape().value("hafs_campaign_running").orElse(0.0) == 1);
        // Ten polls of the checked exporter's interval: long enough for any check to have shown.
        await().during(Duration.ofSeconds(2)).atMost(VISIBLE).until(() -> !withoutCheck.scrape().has("hafs_campaign_process_up"));
        assertThat(withoutCheck.scrape().value("hafs_campaign_progress")).hasValue(1234);

        processes.kill(pid);
        await().atMost(VISIBLE).until(() -> value("hafs_campaign_process_up") == 0);
        assertThat(withoutCheck.scrape().has("hafs_campaign_process_up")).isFalse();
    }

    /** 1 for the phase, 0 for each of the six other known phases, and nothing else. */
    private void assertPhase(String phase) {
        Map<String, Double> expected = new LinkedHashMap<>();
        for (String known : HafsCuration.PHASES) {
            expected.put("hafs_orchestrator_phase{phase=\"" + known + "\"}", known.equals(phase) ? 1.0 : 0.0);
        }
        assertThat(scrape().family("hafs_orchestrator_phase")).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
