package dev.hafs.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hafs.exporter.ExporterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static ExporterConfig parse(Map<String, String> env, String... args) throws UsageException {
        return ExporterConfig.parse(List.of(args), env);
    }

    @Test
    void defaultsAreThoseTheReadmeDocuments() throws Exception {
        ExporterConfig config = parse(Map.of());

        assertThat(config.trainingDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".context/training"));
        assertThat(config.listenAddress()).isEqualTo(new ListenAddress("0.0.0.0", 9746));
        assertThat(config.telemetryPath()).isEqualTo("/metrics");
        assertThat(config.historyWindow()).isEqualTo(50);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sourceMaxBytes()).isEqualTo(256L << 20);
    }

    @Test
    void takesBothFlagFormsAndTheEnvironmentButAFlagWins() throws Exception {
        ExporterConfig config = parse(Map.of("HAFS_TRAINING_DIR", "/from/env"),
                "--web.listen-address", "127.0.0.1:1234", "--history.window=10", "--watch.poll-interval=250ms");
        assertThat(config.trainingDir()).isEqualTo(Path.of("/from/env"));
        assertThat(config.listenAddress()).isEqualTo(new ListenAddress("127.0.0.1", 1234));
        assertThat(config.historyWindow()).isEqualTo(10);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));

        assertThat(parse(Map.of("HAFS_TRAINING_DIR", "/from/env"), "--training.dir=/from/flag").trainingDir())
                .isEqualTo(Path.of("/from/flag"));
        assertThat(parse(Map.of(), "--web.listen-address=[::1]:9000").listenAddress()).isEqualTo(new ListenAddress("::1", 9000));
        assertThat(parse(Map.of(), "--source.max-bytes=64MiB").sourceMaxBytes()).isEqualTo(64L << 20);
    }

    @Test
    void aBooleanIsOnByDefaultOnWithItsNameAndOffWithItsNoForm() throws Exception {
        assertThat(parse(Map.of()).campaignProcessCheck()).isTrue();
        assertThat(parse(Map.of(), "--campaign.process-check").campaignProcessCheck()).isTrue();
        assertThat(parse(Map.of(), "--no-campaign.process-check").campaignProcessCheck()).isFalse();

        assertThatThrownBy(() -> parse(Map.of(), "--no-campaign.process-check=true"))
                .hasMessage("flag --no-campaign.process-check takes no value (--campaign.process-check or --no-campaign.process-check)");
        assertThatThrownBy(() -> parse(Map.of(), "--campaign.process-check", "--no-campaign.process-check"))
                .hasMessage("flag --campaign.process-check given twice");
        // Only booleans have a --no- form.
        assertThatThrownBy(() -> parse(Map.of(), "--no-history.window")).hasMessage("unknown flag --no-history.window (see --help)");
        assertThatThrownBy(() -> parse(Map.of(), "--no-help")).hasMessage("unknown flag --no-help (see --help)");
    }

    @Test
    void everyBadFlagOrValueIsOneClearSentence() {
        assertThatThrownBy(() -> parse(Map.of(), "--bogus")).hasMessage("unknown flag --bogus (see --help)");
        assertThatThrownBy(() -> parse(Map.of(), "--history.window=zero")).hasMessage("--history.window: \"zero\" is not a whole number");
        assertThatThrownBy(() -> parse(Map.of(), "--history.window=0")).hasMessage("--history.window must be at least 1, got 0");
        assertThatThrownBy(() -> parse(Map.of(), "--watch.poll-interval=5")).hasMessage("--watch.poll-interval: \"5\" is not a duration (e.g. 500ms, 5s, 1m)");
        assertThatThrownBy(() -> parse(Map.of(), "--web.listen-address=9746")).hasMessageStartingWith("--web.listen-address: \"9746\" is not [host]:port");
        assertThatThrownBy(() -> parse(Map.of(), "--web.listen-address=:99999")).hasMessage("--web.listen-address: port 99999 is out of range 0-65535");
        assertThatThrownBy(() -> parse(Map.of(), "--web.telemetry-path=metrics")).hasMessageStartingWith("--web.telemetry-path must start with /");
        assertThatThrownBy(() -> parse(Map.of(), "--log.level=verbose")).hasMessage("unknown log level \"verbose\" (debug, info, warn or error)");
        assertThatThrownBy(() -> parse(Map.of(), "--log.format=xml")).hasMessage("unknown log format \"xml\" (logfmt or json)");
        assertThatThrownBy(() -> parse(Map.of(), "--history.window")).hasMessage("flag --history.window needs a value");
        assertThatThrownBy(() -> parse(Map.of(), "stray")).hasMessageStartingWith("unexpected argument \"stray\"");
        assertThatThrownBy(() -> parse(Map.of(), "--version=yes")).hasMessage("flag --version takes no value");
    }
}
