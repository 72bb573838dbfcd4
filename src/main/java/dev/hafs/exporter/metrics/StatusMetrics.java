package dev.hafs.exporter.metrics;

import static dev.hafs.exporter.parse.StatusField.CAMPAIGN_LAUNCHED;
import static dev.hafs.exporter.parse.StatusField.CAMPAIGN_LAUNCH_TIME;
import static dev.hafs.exporter.parse.StatusField.CAMPAIGN_TARGET;
import static dev.hafs.exporter.parse.StatusField.MONITOR_LAST_UPDATE;
import static dev.hafs.exporter.parse.StatusField.MONITOR_PROGRESS;
import static dev.hafs.exporter.parse.StatusField.MONITOR_RUNNING;
import static dev.hafs.exporter.parse.StatusField.MONITOR_TOTAL;
import static dev.hafs.exporter.parse.StatusField.ORCHESTRATOR_COMPLETED;
import static dev.hafs.exporter.parse.StatusField.ORCHESTRATOR_PHASE;
import static dev.hafs.exporter.parse.StatusField.ORCHESTRATOR_STARTED;
import static dev.hafs.exporter.parse.StatusField.PILOT_ACCEPTANCE_RATE;
import static dev.hafs.exporter.parse.StatusField.PILOT_COMPLETE;
import static dev.hafs.exporter.parse.StatusField.PILOT_ESTIMATED_QUALITY;
import static dev.hafs.exporter.parse.StatusField.PILOT_LAST_UPDATE;
import static dev.hafs.exporter.parse.StatusField.PILOT_PROGRESS;
import static dev.hafs.exporter.parse.StatusField.PILOT_QUALITY_PASS;
import static dev.hafs.exporter.parse.StatusField.PILOT_QUALITY_THRESHOLD;
import static dev.hafs.exporter.parse.StatusField.PILOT_TOTAL;
import static dev.hafs.exporter.parse.StatusField.VALIDATION_APPROVED;
import static dev.hafs.exporter.parse.StatusField.VALIDATION_CHECKS;
import static dev.hafs.exporter.parse.StatusField.VALIDATION_TIMESTAMP;

import dev.hafs.exporter.parse.StatusField;
import dev.hafs.exporter.parse.StatusFile;
import java.util.List;

/**
 * The pilot, validation, campaign and orchestrator status files as metric families: one gauge per
 * field (a flag is 0 or 1, a timestamp seconds since the epoch), the validation checks by name, and
 * the orchestrator's phase. Percentages are left to PromQL: progress and its target are exported.
 */
final class StatusMetrics {
    /** The phases HAFS's orchestrator records, in the order it goes through them. */
    static final List<String> PHASES = List.of("monitoring_pilot", "validating_pilot", "validation_complete",
            "validation_failed", "campaign_launched", "launch_failed", "campaign_complete");

    private record Gauge(String name, String help, StatusField field) {
    }

    private static final List<Gauge> GAUGES = List.of(
            new Gauge("hafs_pilot_progress", "Items the pilot generation has reached (progress), as HAFS parses its log.",
                    PILOT_PROGRESS),
            new Gauge("hafs_pilot_progress_target", "Items the pilot generation is to reach (total).", PILOT_TOTAL),
            new Gauge("hafs_pilot_acceptance_ratio",
                    "Accepted / (accepted + rejected) log lines of the pilot (acceptance_rate), 0 to 1.", PILOT_ACCEPTANCE_RATE),
            new Gauge("hafs_pilot_estimated_quality", "The pilot's estimated quality (estimated_quality), 0 to 1.",
                    PILOT_ESTIMATED_QUALITY),
            new Gauge("hafs_pilot_quality_threshold", "The quality the pilot must reach (quality_threshold), 0 to 1.",
                    PILOT_QUALITY_THRESHOLD),
            new Gauge("hafs_pilot_quality_pass", "1 when the pilot's estimated quality reaches its threshold (quality_pass).",
                    PILOT_QUALITY_PASS),
            new Gauge("hafs_pilot_complete", "1 when the pilot generation is complete (is_complete).", PILOT_COMPLETE),
            new Gauge("hafs_pilot_monitor_timestamp_seconds", "When the pilot monitor last read the pilot's log (last_update).",
                    PILOT_LAST_UPDATE),
            new Gauge("hafs_campaign_validation_approved", "1 when the validator approved the full campaign (approved).",
                    VALIDATION_APPROVED),
            new Gauge("hafs_campaign_validation_timestamp_seconds", "When the pilot was validated (validation_timestamp).",
                    VALIDATION_TIMESTAMP),
            new Gauge("hafs_campaign_launched", "1 when the launcher started the full campaign (launched).", CAMPAIGN_LAUNCHED),
            new Gauge("hafs_campaign_launch_timestamp_seconds", "When the launcher tried to start the campaign (launch_time).",
                    CAMPAIGN_LAUNCH_TIME),
            new Gauge("hafs_campaign_target_samples", "Samples the full campaign is to generate (target).", CAMPAIGN_TARGET),
            new Gauge("hafs_campaign_progress",
                    "Items the campaign's current step has reached (progress), from the newest Progress line of its log.",
                    MONITOR_PROGRESS),
            new Gauge("hafs_campaign_progress_target",
                    "Items of the campaign's current step (total): often one domain's share; the full target when the log hides the line.",
                    MONITOR_TOTAL),
            new Gauge("hafs_campaign_running",
                    "1 while HAFS believes the campaign runs (is_running: progress < total, from its log only); see hafs_campaign_process_up.",
                    MONITOR_RUNNING),
            new Gauge("hafs_campaign_monitor_timestamp_seconds",
                    "When the campaign monitor last wrote its status (last_update); it writes only when progress changes.",
                    MONITOR_LAST_UPDATE),
            new Gauge("hafs_orchestrator_started_timestamp_seconds", "When the orchestrator started the workflow (started).",
                    ORCHESTRATOR_STARTED),
            new Gauge("hafs_orchestrator_completed_timestamp_seconds", "When the orchestrator ended the workflow (completed).",
                    ORCHESTRATOR_COMPLETED));

    private StatusMetrics() {
    }

    static void translate(StatusFile status, MetricSink sink) {
        for (Gauge gauge : GAUGES) {
            if (gauge.field().source() == status.source()) {
                Family family = Family.gauge(gauge.name(), gauge.help());
                switch (gauge.field().kind()) {
                    case NUMBER -> status.number(gauge.field()).ifPresent(family::add);
                    case FLAG -> status.flag(gauge.field()).ifPresent(flag -> family.add(flag ? 1 : 0));
                    case TIMESTAMP -> status.timestamp(gauge.field()).ifPresent(at -> family.add(at.toEpochMilli() / 1000.0));
                    case TEXT, FLAGS -> throw new IllegalStateException(gauge.field() + " is not a single value");
                }
                sink.add(family);
            }
        }
        if (VALIDATION_CHECKS.source() == status.source()) {
            Family checks = Family.gauge("hafs_campaign_validation_check",
                    "1 when a check of the pilot's validation passed, 0 when it failed (checks).", "check");
            status.flags(VALIDATION_CHECKS).forEach((check, passed) -> checks.add(passed ? 1 : 0, check));
            sink.add(checks);
        }
        if (ORCHESTRATOR_PHASE.source() == status.source()) {
            sink.add(phase(status));
        }
    }

    /** 1 for the current phase and 0 for every other known one, so each phase is a series to graph; an unknown phase is 1 too. */
    private static Family phase(StatusFile status) {
        Family phase = Family.gauge("hafs_orchestrator_phase",
                "1 for the orchestrator's current phase (phase), 0 for each other phase it knows.", "phase");
        status.text(ORCHESTRATOR_PHASE).ifPresent(current -> {
            for (String known : PHASES) {
                phase.add(known.equals(current) ? 1 : 0, known);
            }
            if (!PHASES.contains(current)) {
                phase.add(1, current);
            }
        });
        return phase;
    }
}
