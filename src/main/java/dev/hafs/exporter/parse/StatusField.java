package dev.hafs.exporter.parse;

import dev.hafs.exporter.read.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields the exporter reads from HAFS's pilot, validation, campaign and orchestrator status
 * files, each with its file, its JSON name and how it is read. The five files are small flat objects
 * written by different agents, so one table and one parser ({@link StatusFileParser}) read them all;
 * every other field (nested results, the pilot's unbounded {@code quality_scores}) is skipped unread.
 */
public enum StatusField {
    PILOT_PROGRESS(Source.PILOT_MONITOR_STATUS, "progress", Kind.NUMBER),
    PILOT_TOTAL(Source.PILOT_MONITOR_STATUS, "total", Kind.NUMBER),
    PILOT_ACCEPTANCE_RATE(Source.PILOT_MONITOR_STATUS, "acceptance_rate", Kind.NUMBER),
    PILOT_ESTIMATED_QUALITY(Source.PILOT_MONITOR_STATUS, "estimated_quality", Kind.NUMBER),
    PILOT_QUALITY_THRESHOLD(Source.PILOT_MONITOR_STATUS, "quality_threshold", Kind.NUMBER),
    PILOT_QUALITY_PASS(Source.PILOT_MONITOR_STATUS, "quality_pass", Kind.FLAG),
    PILOT_COMPLETE(Source.PILOT_MONITOR_STATUS, "is_complete", Kind.FLAG),
    PILOT_LAST_UPDATE(Source.PILOT_MONITOR_STATUS, "last_update", Kind.TIMESTAMP),
    /** When the monitor saved the file: its own "last updated". */
    PILOT_MONITOR_TIMESTAMP(Source.PILOT_MONITOR_STATUS, "monitor_timestamp", Kind.TIMESTAMP),

    VALIDATION_APPROVED(Source.CAMPAIGN_VALIDATION, "approved", Kind.FLAG),
    VALIDATION_CHECKS(Source.CAMPAIGN_VALIDATION, "checks", Kind.FLAGS),
    VALIDATION_TIMESTAMP(Source.CAMPAIGN_VALIDATION, "validation_timestamp", Kind.TIMESTAMP),

    CAMPAIGN_LAUNCHED(Source.CAMPAIGN_STATUS, "launched", Kind.FLAG),
    /** Only for the process check (when campaign.pid is absent); never a series of its own. */
    CAMPAIGN_PID(Source.CAMPAIGN_STATUS, "pid", Kind.NUMBER),
    CAMPAIGN_TARGET(Source.CAMPAIGN_STATUS, "target", Kind.NUMBER),
    CAMPAIGN_LAUNCH_TIME(Source.CAMPAIGN_STATUS, "launch_time", Kind.TIMESTAMP),

    MONITOR_PROGRESS(Source.CAMPAIGN_MONITOR_STATUS, "progress", Kind.NUMBER),
    MONITOR_TOTAL(Source.CAMPAIGN_MONITOR_STATUS, "total", Kind.NUMBER),
    MONITOR_RUNNING(Source.CAMPAIGN_MONITOR_STATUS, "is_running", Kind.FLAG),
    MONITOR_LAST_UPDATE(Source.CAMPAIGN_MONITOR_STATUS, "last_update", Kind.TIMESTAMP),

    ORCHESTRATOR_PHASE(Source.ORCHESTRATOR_STATE, "phase", Kind.TEXT),
    ORCHESTRATOR_STARTED(Source.ORCHESTRATOR_STATE, "started", Kind.TIMESTAMP),
    ORCHESTRATOR_COMPLETED(Source.ORCHESTRATOR_STATE, "completed", Kind.TIMESTAMP);

    /** How a field's value is read. */
    public enum Kind {
        NUMBER, FLAG, TIMESTAMP, TEXT,
        /** An object of name → boolean, capped at {@link RecordLimits#VALIDATION_CHECKS}. */
        FLAGS
    }

    private final Source source;
    private final String jsonName;
    private final Kind kind;

    StatusField(Source source, String jsonName, Kind kind) {
        this.source = source;
        this.jsonName = jsonName;
        this.kind = kind;
    }

    public Source source() {
        return source;
    }

    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** The fields of one status file. */
    public static List<StatusField> of(Source source) {
        List<StatusField> fields = new ArrayList<>();
        for (StatusField field : values()) {
            if (field.source == source) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** The sources this table describes: the status files. */
    public static List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (StatusField field : values()) {
            if (!sources.contains(field.source)) {
                sources.add(field.source);
            }
        }
        return sources;
    }

    /** The field that says when the file was written, for {@code hafs_source_last_updated_timestamp_seconds}. */
    static StatusField writtenAt(Source source) {
        return switch (source) {
            case PILOT_MONITOR_STATUS -> PILOT_MONITOR_TIMESTAMP;
            case CAMPAIGN_VALIDATION -> VALIDATION_TIMESTAMP;
            case CAMPAIGN_STATUS -> CAMPAIGN_LAUNCH_TIME;
            case CAMPAIGN_MONITOR_STATUS -> MONITOR_LAST_UPDATE;
            // The orchestrator records when it started and completed, not when it last saved.
            default -> null;
        };
    }
}
