package dev.hafs.exporter.testing;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The static fixture {@code src/test/resources/fixtures/curation/}: a training directory in HAFS's
 * exact shapes as a curation host leaves it, made by {@link HafsCuration} (CurationFixtureTest keeps
 * the files and this class in step). What it shows:
 *
 * <ul>
 *   <li>four dataset folders: the field reference's {@code full_campaign_34500_20251221_140501}, a pilot
 *   dataset {@code pilot_190_20251222_090000} (the newest whole one), a double-timestamp folder
 *   {@code pilot_500_20251221_120000_20251221_121501} that rejected nothing (no rejection summary),
 *   and {@code full_campaign_6900_20251222_100000}, still being written (splits only: skipped, counted);
 *   <li>a pilot that passed (190 of 190, quality 0.8636 against 0.75), a validation approved on all
 *   three checks, a launched campaign (target 34,500) whose monitor says 400 of 6,900 and running;
 *   <li>but the pid in campaign.pid, {@value #DEAD_PID}, is above Linux's largest pid: the process is
 *   gone ({@code hafs_campaign_process_up 0}), HAFS's stale {@code is_running: true} of a crashed campaign;
 *   <li>the orchestrator in {@code campaign_launched}.
 * </ul>
 * Timestamps are local and zone-less, as HAFS writes them.
 */
public final class CurationFixture {
    public static final String NAME = "curation";
    /** Above Linux's PID_MAX_LIMIT (2^22): no process ever has it, wherever the fixture is read. */
    public static final long DEAD_PID = 4_999_999;

    public static final HafsCuration.Dataset FULL_CAMPAIGN = HafsCuration.Dataset.fieldReference();
    public static final HafsCuration.Dataset PILOT = new HafsCuration.Dataset("pilot_190_20251222_090000", "pilot_190",
            LocalDateTime.of(2025, 12, 22, 9, 0, 0), 190, 150, 10, 10, 150, HafsCuration.ordered("asm", 100, "gigaleak", 90),
            0.8, 600.0, HafsCuration.ordered("low_quality", 30, "duplicate", 10), HafsCuration.ordered("asm", 40));
    public static final HafsCuration.Dataset DOUBLE_TIMESTAMP = new HafsCuration.Dataset(
            "pilot_500_20251221_120000_20251221_121501", "pilot_500_20251221_120000", LocalDateTime.of(2025, 12, 21, 12, 15, 1),
            500, 500, 0, 0, 500, HafsCuration.ordered("asm", 300, "cpp", 200), 0.74, 900.5, Map.of(), Map.of());
    public static final HafsCuration.Dataset BEING_WRITTEN = HafsCuration.Dataset.of("full_campaign_6900",
            LocalDateTime.of(2025, 12, 22, 10, 0, 0), 6900, 4000);

    private static final LocalDateTime PILOT_DONE = LocalDateTime.of(2025, 12, 22, 8, 59, 50, 512_345_000);

    private CurationFixture() {
    }

    public static void write(Path dir) {
        HafsCuration hafs = new HafsCuration(dir);
        hafs.dataset(FULL_CAMPAIGN).all();
        hafs.dataset(DOUBLE_TIMESTAMP).all();
        hafs.dataset(PILOT).all();
        hafs.dataset(BEING_WRITTEN).splits();
        Map<String, Object> pilot = HafsCuration.pilotStatus(190, 190, 0.8636, true, 0.75, PILOT_DONE);
        hafs.write(HafsCuration.PILOT, pilot);
        Map<String, Object> validation = HafsCuration.validation(pilot, 150, PILOT_DONE.plusSeconds(5));
        hafs.write(HafsCuration.VALIDATION, validation);
        hafs.write(HafsCuration.CAMPAIGN, HafsCuration.launched(DEAD_PID, 34_500, LocalDateTime.of(2025, 12, 22, 10, 0, 0), validation));
        hafs.pidFile(DEAD_PID);
        hafs.write(HafsCuration.MONITOR, HafsCuration.campaignProgress(400, 6900, LocalDateTime.of(2025, 12, 22, 10, 40, 0, 250_000_000)));
        hafs.write(HafsCuration.ORCHESTRATOR, HafsCuration.orchestrator("campaign_launched", LocalDateTime.of(2025, 12, 22, 8, 0, 0),
                null, pilot));
    }
}
