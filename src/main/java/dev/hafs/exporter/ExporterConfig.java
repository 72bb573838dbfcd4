package dev.hafs.exporter;

import dev.hafs.exporter.cli.CommandLine;
import dev.hafs.exporter.cli.Flag;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.cli.UsageException;
import dev.hafs.exporter.cli.Values;
import dev.hafs.exporter.logging.LogFormat;
import dev.hafs.exporter.logging.LogSetup;
import dev.hafs.exporter.parse.RecordLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/** Everything the operator can set, from flags (or $HAFS_TRAINING_DIR), validated once at start. */
public record ExporterConfig(
        Path trainingDir,
        List<ListenAddress> listenAddresses,
        String telemetryPath,
        Optional<Path> webConfigFile,
        int historyWindow,
        Duration pollInterval,
        long sourceMaxBytes,
        RecordLimits limits,
        int seriesLimit,
        boolean campaignProcessCheck,
        Level logLevel,
        LogFormat logFormat,
        boolean help,
        boolean version) {

    public static final int DEFAULT_PORT = 9746;

    static final CommandLine COMMAND_LINE = new CommandLine(List.of(
            Flag.valueWithEnvironment("training.dir", "~/.context/training", "HAFS_TRAINING_DIR",
                    "Directory HAFS writes its training files (quality_feedback.json, ..., datasets/) to."),
            Flag.repeatable("web.listen-address", ":" + DEFAULT_PORT, "Address to listen on for /metrics and the landing page,"
                    + " [host]:port; repeat the flag for several listeners."),
            Flag.value("web.telemetry-path", "/metrics", "Path under which to expose metrics."),
            Flag.value("web.config.file", "", "Path to a Prometheus web configuration file (TLS, basic auth, headers);"
                    + " re-read every --watch.poll-interval."),
            Flag.value("history.window", "50", "Newest rejection-history values per (domain, score) series that the recent mean covers."),
            Flag.value("watch.poll-interval", "5s", "How often to re-check the files, for file systems that report no changes."),
            Flag.value("source.max-bytes", "256MiB", "Files larger than this are not read (reported as too_large)."),
            Flag.value("runs.limit", "1000", "Most training runs exported; the newest by start time are kept."),
            Flag.value("generators.limit", "500", "Most generators exported; those that generated most are kept."),
            Flag.value("regions.limit", "2000", "Most embedding regions exported one by one; the first by position are kept."),
            Flag.value("datasets.limit", "100", "Most dataset folders read and exported; the newest by created time are kept."),
            Flag.value("series.limit", "20000", "Most HAFS series on /metrics; a file that would exceed it is not loaded"
                    + " (its last good content stays, counted as a too_many_series failure)."),
            Flag.bool("campaign.process-check", true, "Look the campaign's pid up among this host's processes"
                    + " (hafs_campaign_process_up); turn off where HAFS's processes cannot be seen, e.g. in another pod."),
            Flag.value("log.level", "info", "Only log messages with the given severity or above: debug, info, warn, error."),
            Flag.value("log.format", "logfmt", "Output format of log messages: logfmt or json."),
            Flag.toggle("version", "Show the version and exit."),
            Flag.toggle("help", "Show this help and exit.").withShortName('h')));

    /** The first --web.listen-address, the only one unless the flag is repeated. */
    public ListenAddress listenAddress() {
        return listenAddresses.getFirst();
    }

    public static ExporterConfig fromArgs(String... args) {
        try {
            return parse(List.of(args), System.getenv());
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static ExporterConfig parse(List<String> args, Map<String, String> environment) throws UsageException {
        CommandLine.Parsed parsed = COMMAND_LINE.parse(args, environment);
        String telemetryPath = parsed.value("web.telemetry-path");
        if (!telemetryPath.startsWith("/") || telemetryPath.equals("/") || telemetryPath.startsWith("/-/")) {
            throw new UsageException("--web.telemetry-path must start with / and not be / or under /-/, got \"" + telemetryPath + "\"");
        }
        try {
            return new ExporterConfig(
                    expandHome(parsed.value("training.dir")),
                    listenAddresses(parsed.values("web.listen-address")),
                    telemetryPath,
                    parsed.value("web.config.file").isEmpty() ? Optional.empty()
                            : Optional.of(expandHome(parsed.value("web.config.file"))),
                    Values.positiveInt("history.window", parsed.value("history.window")),
                    Values.duration("watch.poll-interval", parsed.value("watch.poll-interval")),
                    Values.bytes("source.max-bytes", parsed.value("source.max-bytes")),
                    new RecordLimits(Values.positiveInt("runs.limit", parsed.value("runs.limit")),
                            Values.positiveInt("generators.limit", parsed.value("generators.limit")),
                            Values.positiveInt("regions.limit", parsed.value("regions.limit")),
                            Values.positiveInt("datasets.limit", parsed.value("datasets.limit"))),
                    Values.positiveInt("series.limit", parsed.value("series.limit")),
                    parsed.enabled("campaign.process-check"),
                    LogSetup.parseLevel(parsed.value("log.level")),
                    LogFormat.parse(parsed.value("log.format")),
                    parsed.toggled("help"),
                    parsed.toggled("version"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<ListenAddress> listenAddresses(List<String> values) throws UsageException {
        List<ListenAddress> addresses = new java.util.ArrayList<>();
        for (String value : values) {
            addresses.add(ListenAddress.parse("web.listen-address", value));
        }
        return List.copyOf(addresses);
    }

    static String usage() {
        return COMMAND_LINE.usage("hafs-training-exporter",
                "Prometheus exporter for HAFS training data: watches the training directory and serves its metrics.");
    }

    private static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
