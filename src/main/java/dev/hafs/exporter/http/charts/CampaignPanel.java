package dev.hafs.exporter.http.charts;

import dev.hafs.exporter.parse.StatusField;
import dev.hafs.exporter.parse.StatusFile;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.CampaignProcess;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pilot → validation → campaign workflow as HAFS's status files describe it, with progress
 * bars, next to what the exporter checked itself: whether the campaign's process is there.
 */
public final class CampaignPanel {
    private CampaignPanel() {
    }

    public static String render(TrainingSnapshot snapshot) {
        StringBuilder rows = new StringBuilder("<dl class=\"workflow\">");
        row(rows, "Phase", snapshot, Source.ORCHESTRATOR_STATE, orchestrator -> orchestrator.text(StatusField.ORCHESTRATOR_PHASE)
                .map(phase -> "<code>" + Html.escape(phase) + "</code>").orElse("not written yet"));
        row(rows, "Pilot", snapshot, Source.PILOT_MONITOR_STATUS, CampaignPanel::pilot);
        row(rows, "Validation", snapshot, Source.CAMPAIGN_VALIDATION, CampaignPanel::validation);
        row(rows, "Launch", snapshot, Source.CAMPAIGN_STATUS, status -> status.flag(StatusField.CAMPAIGN_LAUNCHED)
                .map(launched -> launched ? "launched" + status.number(StatusField.CAMPAIGN_TARGET).stream()
                        .mapToObj(target -> ", target " + Svg.format(target) + " samples").findFirst().orElse("") : "not launched")
                .orElse("not written yet"));
        row(rows, "Campaign", snapshot, Source.CAMPAIGN_MONITOR_STATUS, CampaignPanel::campaign);
        rows.append("<dt>Process</dt><dd>").append(process(snapshot)).append("</dd></dl>");
        return Panel.of("campaign", "Pilot and Campaign", rows.toString());
    }

    private static void row(StringBuilder rows, String name, TrainingSnapshot snapshot, Source source,
            Function<StatusFile, String> describe) {
        rows.append("<dt>").append(name).append("</dt><dd>");
        var unavailable = Panel.unavailable(snapshot.source(source), source.fileName());
        rows.append(unavailable.map(Html::escape).orElseGet(() -> describe.apply(snapshot.statusFile(source).orElseThrow())));
        rows.append("</dd>");
    }

    private static String pilot(StatusFile pilot) {
        StringBuilder text = new StringBuilder(bar("Pilot progress", pilot.number(StatusField.PILOT_PROGRESS),
                pilot.number(StatusField.PILOT_TOTAL)));
        OptionalDouble quality = pilot.number(StatusField.PILOT_ESTIMATED_QUALITY);
        OptionalDouble threshold = pilot.number(StatusField.PILOT_QUALITY_THRESHOLD);
        if (quality.isPresent()) {
            text.append(" · estimated quality ").append(Svg.format(quality.getAsDouble()));
            threshold.ifPresent(value -> text.append(" against a threshold of ").append(Svg.format(value)));
        }
        pilot.flag(StatusField.PILOT_QUALITY_PASS).ifPresent(pass -> text.append(pass ? ": passes" : ": <b>below</b>"));
        pilot.flag(StatusField.PILOT_COMPLETE).ifPresent(complete -> text.append(complete ? "; complete" : "; generating"));
        return text.toString();
    }

    private static String validation(StatusFile validation) {
        String failed = validation.flags(StatusField.VALIDATION_CHECKS).entrySet().stream()
                .filter(check -> !check.getValue()).map(Map.Entry::getKey).map(Html::escape)
                .collect(Collectors.joining(", "));
        return validation.flag(StatusField.VALIDATION_APPROVED).map(approved -> approved ? "approved"
                : "<b>not approved</b>" + (failed.isEmpty() ? "" : " (failed: " + failed + ")")).orElse("not decided");
    }

    private static String campaign(StatusFile monitor) {
        String belief = monitor.flag(StatusField.MONITOR_RUNNING).map(running -> running ? " HAFS says running" : " HAFS says finished")
                .orElse("");
        return bar("Campaign progress", monitor.number(StatusField.MONITOR_PROGRESS), monitor.number(StatusField.MONITOR_TOTAL))
                + belief;
    }

    private static String process(TrainingSnapshot snapshot) {
        if (snapshot.campaignProcess().isEmpty()) {
            return "no pid recorded";
        }
        CampaignProcess process = snapshot.campaignProcess().get();
        String state = process.up() ? "<span class=\"loaded\">running</span>"
                : "<span class=\"failing\">not running</span>: " + process.state().description();
        return "pid " + process.pid() + " (" + Html.escape(process.pidFrom()) + "): " + state;
    }

    /** A bar of progress of total, with the numbers beside it; the percentage is derived here, never exported. */
    static String bar(String label, OptionalDouble progress, OptionalDouble total) {
        if (progress.isEmpty()) {
            return "no progress written";
        }
        double done = progress.getAsDouble();
        if (total.isEmpty() || !(total.getAsDouble() > 0) || !Double.isFinite(total.getAsDouble()) || !Double.isFinite(done)) {
            return Svg.format(done) + " items (no target)";
        }
        double percent = done / total.getAsDouble() * 100;
        double width = Math.max(0, Math.min(100, percent));
        return "<div class=\"progress\" role=\"progressbar\" aria-label=\"" + Html.escape(label) + "\" aria-valuemin=\"0\" aria-valuemax=\""
                + Svg.format(total.getAsDouble()) + "\" aria-valuenow=\"" + Svg.format(done) + "\"><span style=\"width:"
                + String.format(Locale.ROOT, "%.1f", width) + "%\"></span></div><small>" + Svg.format(done) + " of "
                + Svg.format(total.getAsDouble()) + " (" + Svg.format(Math.round(percent * 10) / 10.0) + " %)</small>";
    }
}
