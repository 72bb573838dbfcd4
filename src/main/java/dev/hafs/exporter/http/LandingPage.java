package dev.hafs.exporter.http;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.http.charts.CampaignPanel;
import dev.hafs.exporter.http.charts.DatasetsChart;
import dev.hafs.exporter.http.charts.EmbeddingCoverageChart;
import dev.hafs.exporter.http.charts.GeneratorStatsChart;
import dev.hafs.exporter.http.charts.Html;
import dev.hafs.exporter.http.charts.QualityTrendsChart;
import dev.hafs.exporter.http.charts.TrainingRunsChart;
import dev.hafs.exporter.parse.SkippedRecords;
import dev.hafs.exporter.read.Source;
import dev.hafs.exporter.snapshot.SourceHealth;
import dev.hafs.exporter.snapshot.SourceStatus;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import dev.hafs.exporter.snapshot.SnapshotStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The page at /: what this is, where the metrics are, the status bar of HAFS's viewers as a table
 * (each source loaded or why not, since when; generators, regions, runs, datasets, failures), their
 * four charts, the pilot and campaign with progress bars, and the newest datasets, all drawn
 * server-side from the same snapshot /metrics serves, so it works offline, without JavaScript, and
 * for users who have no Prometheus or Grafana yet.
 */
final class LandingPage implements Handler {
    private static final String STYLE = """
            body{background:#111217;color:#d8d9da;font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}
            a{color:#6e9fff}h1{font-size:1.4rem}table{border-collapse:collapse;margin:1rem 0}
            th,td{border:1px solid #2c3235;padding:.35rem .7rem;text-align:left;vertical-align:top}
            th{background:#181b1f}.loaded{color:#73bf69}.missing{color:#b0b0b0}.failing{color:#f2495c}
            .summary span{display:inline-block;margin-right:1.5rem}code{color:#fade2a}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,34rem),1fr));gap:1rem}
            .panel{background:#181b1f;border:1px solid #2c3235;border-radius:4px;margin:0;padding:.6rem}
            figcaption{font-weight:600;margin-bottom:.4rem}.chart{width:100%;height:auto;display:block}
            .grid{stroke:#2c3235}.axis{stroke:#8e8e8e}.tick,.label,.value{fill:#ccccdc;font-size:11px}
            .slanted{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace}
            .series{stroke-width:1.6}.threshold{stroke:#f2495c;stroke-dasharray:6 4}.threshold-label{fill:#f2495c;font-size:11px}
            .bar{fill:#73bf69}.bar.low{fill:#f2495c}.point.sparse,.swatch.sparse{fill:#f2495c;background:#f2495c}
            .point.dense,.swatch.dense{fill:#73bf69;background:#73bf69}.empty{color:#b0b0b0;padding:2rem 0;text-align:center}
            .legend{list-style:none;padding:0;margin:.4rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.8rem}
            .swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
            .table-wrap{overflow-x:auto}@media (max-width:40rem){body{margin:.8rem}th,td{padding:.3rem .4rem}}
            .swatch.final{background:#73bf69}.yield-tick{fill:#f2cc0c}.point.yield{fill:#f2cc0c}
            .workflow{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0}.workflow dt{font-weight:600}
            .workflow dd{margin:0}.progress{background:#2c3235;border-radius:3px;height:.8rem;overflow:hidden;max-width:28rem}
            .progress span{background:#5794f2;display:block;height:100%}
            """;
    /** The page redraws itself this often, so it stays live like a dashboard. */
    static final int REFRESH_SECONDS = 10;

    private final SnapshotStore store;
    private final BuildInfo build;
    private final String telemetryPath;

    LandingPage(SnapshotStore store, BuildInfo build, String telemetryPath) {
        this.store = store;
        this.build = build;
        this.telemetryPath = telemetryPath;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        Answers.send(request, response, render(store.current(), Instant.now()).getBytes(StandardCharsets.UTF_8));
    }

    String render(TrainingSnapshot snapshot, Instant now) {
        StringBuilder page = new StringBuilder(4096);
        page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>HAFS Training Exporter</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>HAFS Training Exporter</h1>")
                .append("<p>Version ").append(Html.escape(build.version())).append(" (revision ")
                .append(Html.escape(build.revision())).append(") · <a href=\"").append(Html.escape(telemetryPath.substring(1)))
                .append("\">Metrics</a> · <a href=\"-/healthy\">Health</a> · <a href=\"-/ready\">Ready</a></p>");
        appendSummary(page, snapshot);
        appendSources(page, snapshot, now);
        page.append("<section class=\"charts\">")
                .append(QualityTrendsChart.render(snapshot))
                .append(GeneratorStatsChart.render(snapshot))
                .append(EmbeddingCoverageChart.render(snapshot))
                .append(TrainingRunsChart.render(snapshot))
                .append(CampaignPanel.render(snapshot))
                .append(DatasetsChart.render(snapshot))
                .append("</section>");
        return page.append("</body></html>").toString();
    }

    private static void appendSummary(StringBuilder page, TrainingSnapshot snapshot) {
        long loaded = snapshot.sources().values().stream().filter(s -> s.status().health() == SourceHealth.LOADED).count();
        long failures = snapshot.sources().values().stream().mapToLong(s -> s.status().totalFailures()).sum();
        page.append("<p class=\"summary\">")
                .append(item("Sources", loaded + "/" + Source.values().length + " loaded"))
                .append(item("Generators", snapshot.qualityFeedback().map(q -> Integer.toString(q.generators().size())).orElse("–")))
                .append(item("Regions", snapshot.activeLearning().map(a -> Integer.toString(a.regionsPresent())).orElse("–")))
                .append(item("Completed runs", snapshot.trainingFeedback().map(t -> Long.toString(t.completedRuns())).orElse("–")))
                .append(item("Running runs", snapshot.trainingFeedback().map(t -> Long.toString(t.runningRuns())).orElse("–")))
                .append(item("Datasets", snapshot.datasets().map(d -> Long.toString(d.found())).orElse("–")))
                .append(item("Load failures", Long.toString(failures)))
                .append("</p>");
    }

    private static String item(String name, String value) {
        return "<span>" + name + ": <b>" + Html.escape(value) + "</b></span>";
    }

    private static void appendSources(StringBuilder page, TrainingSnapshot snapshot, Instant now) {
        page.append("<div class=\"table-wrap\"><table><thead><tr><th>Source</th><th>State</th><th>Since</th><th>Last loaded</th>")
                .append("<th>Skipped records</th><th>Problem</th></tr></thead><tbody>");
        for (Source source : Source.values()) {
            SourceStatus status = snapshot.source(source).status();
            page.append("<tr><td><code>").append(source.fileName()).append(source.isDirectory() ? "/" : "").append("</code></td>")
                    .append("<td class=\"").append(status.health().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(status.health().description())
                    .append(status.health() == SourceHealth.FAILING && snapshot.source(source).data().isPresent()
                            ? " (serving last good content)" : "")
                    .append("</td><td>").append(ago(Optional.of(status.since()), now)).append("</td>")
                    .append("<td>").append(ago(status.lastSuccess(), now)).append("</td>")
                    .append("<td>").append(skipped(status.skippedRecords())).append("</td>")
                    .append("<td>").append(Html.escape(status.problem().orElse(""))).append("</td></tr>");
        }
        page.append("</tbody></table></div>");
    }

    /** The count, and the messages the parse kept behind a disclosure, so the table stays one line per file. */
    private static String skipped(SkippedRecords skipped) {
        if (skipped.isEmpty()) {
            return "0";
        }
        StringBuilder list = new StringBuilder("<details><summary>").append(skipped.count()).append("</summary><ul>");
        skipped.firstMessages().forEach(message -> list.append("<li>").append(Html.escape(message)).append("</li>"));
        if (skipped.count() > skipped.firstMessages().size()) {
            list.append("<li>and ").append(skipped.count() - skipped.firstMessages().size()).append(" more</li>");
        }
        return list.append("</ul></details>").toString();
    }

    private static String ago(Optional<Instant> when, Instant now) {
        if (when.isEmpty()) {
            return "never";
        }
        Duration age = Duration.between(when.get(), now);
        String iso = when.get().truncatedTo(ChronoUnit.SECONDS).toString();
        long seconds = Math.max(0, age.toSeconds());
        String relative = seconds < 120 ? seconds + " s ago" : seconds < 7200 ? seconds / 60 + " min ago" : seconds / 3600 + " h ago";
        return "<time datetime=\"" + iso + "\" title=\"" + iso + "\">" + relative + "</time>";
    }
}
