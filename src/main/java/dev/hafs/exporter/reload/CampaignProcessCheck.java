package dev.hafs.exporter.reload;

import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.parse.StatusField;
import dev.hafs.exporter.read.PidFile;
import dev.hafs.exporter.read.ProcessTable;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.CampaignProcess;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Is the campaign HAFS launched still running? HAFS records its pid in campaign.pid (and in
 * campaign_status.json) and never checks it again: the pid file outlives the process, a finished
 * campaign lingers as a zombie while the orchestrator lives, and the pid of a dead one is in time
 * given to another process. So the pid must name a process that exists, has not exited (a zombie
 * has), and started before the file naming it was written: HAFS writes the pid right after it
 * starts the process, so a process that started later is another one that got the pid.
 *
 * <p>The file's modification time is the reference rather than {@code launch_time}: it comes from
 * the same clock as the process's start, with no time zone to get wrong. {@link #SLACK} covers the
 * coarse clocks of both. Runs on the reload thread at every poll, so a process that dies without
 * touching a file shows within one poll interval; scrapes only read its last result.
 *
 * <p>Turned off (no process table, --no-campaign.process-check) where HAFS's processes are out of
 * sight, e.g. HAFS in another pod: a pid looked up there names nothing, and a 0 would page
 * HafsCampaignProcessGone for a campaign that runs, so nothing is claimed at all.
 */
final class CampaignProcessCheck {
    private static final Log LOG = Log.of(CampaignProcessCheck.class);
    static final Duration SLACK = Duration.ofSeconds(2);
    /** Linux's PID_MAX_LIMIT: a larger number names no process. */
    private static final long MAX_PID = 1L << 22;

    private final Path directory;
    private final Optional<ProcessTable> processes;
    /** campaign.pid's last readable content: the file is rewritten in place, so a read can find it empty. */
    private PidFile.Pid lastGoodPidFile;
    private boolean saidUnavailable;

    /** Without {@code processes} the check is off: it says so once, here, and never claims anything. */
    CampaignProcessCheck(Path directory, Optional<ProcessTable> processes) {
        this.directory = directory;
        this.processes = processes;
        if (processes.isEmpty()) {
            LOG.info("the campaign's process is not checked (--no-campaign.process-check): hafs_campaign_process_up is not exported");
        }
    }

    /** The campaign's process now; empty without a pid, where no process can be looked at, or with the check off. */
    Optional<CampaignProcess> check(TrainingSnapshot snapshot) {
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        Optional<Recorded> recorded = recorded(snapshot);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        if (!processes.get().available()) {
            if (!saidUnavailable) {
                LOG.warn("cannot look at processes (no readable /proc): hafs_campaign_process_up is not exported",
                        "pid", recorded.get().pid());
                saidUnavailable = true;
            }
            return Optional.empty();
        }
        return Optional.of(new CampaignProcess(recorded.get().pid(), recorded.get().from(), state(recorded.get(), processes.get())));
    }

    /** A pid, the file it came from, and when that file was written (unknown when it cannot be looked at). */
    private record Recorded(long pid, String from, Optional<Instant> written) {
    }

    private Optional<Recorded> recorded(TrainingSnapshot snapshot) {
        switch (PidFile.read(directory.resolve(PidFile.CAMPAIGN))) {
            case PidFile.Pid pid -> lastGoodPidFile = pid;
            case PidFile.Missing missing -> lastGoodPidFile = null;
            case PidFile.Unusable unusable -> LOG.debug("campaign.pid cannot be used now, keeping its last content",
                    "problem", unusable.reason());
        }
        if (lastGoodPidFile != null) {
            return Optional.of(new Recorded(lastGoodPidFile.pid(), PidFile.CAMPAIGN, Optional.of(lastGoodPidFile.written())));
        }
        return snapshot.statusFile(Source.CAMPAIGN_STATUS)
                .flatMap(status -> status.number(StatusField.CAMPAIGN_PID).stream().boxed().findFirst())
                .filter(pid -> pid >= 1 && pid == Math.rint(pid) && pid < Integer.MAX_VALUE)
                .map(pid -> new Recorded(pid.longValue(), Source.CAMPAIGN_STATUS.fileName(),
                        PidFile.written(directory.resolve(Source.CAMPAIGN_STATUS.fileName()))));
    }

    private CampaignProcess.State state(Recorded recorded, ProcessTable processes) {
        if (recorded.pid() > MAX_PID) {
            return CampaignProcess.State.GONE;
        }
        Optional<ProcessTable.Entry> entry;
        try {
            entry = processes.lookup(recorded.pid());
        } catch (IOException e) {
            // A process that exits while its stat is read fails the read: it is gone.
            return CampaignProcess.State.GONE;
        }
        if (entry.isEmpty()) {
            return CampaignProcess.State.GONE;
        }
        if (entry.get().exited()) {
            return CampaignProcess.State.ZOMBIE;
        }
        Optional<Instant> started = entry.get().started();
        if (started.isPresent() && recorded.written().isPresent() && started.get().isAfter(recorded.written().get().plus(SLACK))) {
            return CampaignProcess.State.STARTED_LATER;
        }
        return CampaignProcess.State.RUNNING;
    }
}
