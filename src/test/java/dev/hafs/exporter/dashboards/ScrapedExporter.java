package dev.hafs.exporter.dashboards;

import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The exporter running in this JVM on a training directory, scraped every second by a real Prometheus in
 * a container. Containers share the host's network: they reach the exporter on 127.0.0.1 and listen on
 * a free 127.0.0.1 port themselves.
 */
final class ScrapedExporter implements AutoCloseable {
    static final String JOB = "hafs-training";
    static final String DEFAULT_PROMETHEUS_IMAGE = "prom/prometheus:v2.53.2";

    private final HafsTrainingExporter exporter;
    private final GenericContainer<?> prometheus;
    private final PrometheusHttp api;
    private final int prometheusPort;

    private ScrapedExporter(HafsTrainingExporter exporter, GenericContainer<?> prometheus, int prometheusPort) {
        this.exporter = exporter;
        this.prometheus = prometheus;
        this.prometheusPort = prometheusPort;
        this.api = new PrometheusHttp(prometheusPort);
    }

    /** -Dhafs.it.prometheus.image, else $HAFS_IT_PROMETHEUS_IMAGE, else the official image. */
    static String prometheusImage() {
        return configuredImage("hafs.it.prometheus.image", "HAFS_IT_PROMETHEUS_IMAGE", DEFAULT_PROMETHEUS_IMAGE);
    }

    static String configuredImage(String property, String environment, String fallback) {
        String image = System.getProperty(property);
        if (image == null || image.isBlank()) {
            image = System.getenv(environment);
        }
        return image == null || image.isBlank() ? fallback : image;
    }

    /**
     * What Prometheus is given beyond the scrape: rule files to evaluate (every second), and history of the
     * exporter's series from before the test, in OpenMetrics text made from the exporter's instance label,
     * that promtool writes into Prometheus's storage before it starts (for rules that look 10 minutes back).
     */
    record Extras(List<Path> ruleFiles, Function<String, String> history) {
        static final Extras NONE = new Extras(List.of(), instance -> null);
    }

    static ScrapedExporter start(Path trainingDir) {
        return start(trainingDir, Extras.NONE);
    }

    static ScrapedExporter start(Path trainingDir, Extras extras) {
        HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + trainingDir, "--web.listen-address=127.0.0.1:0"));
        GenericContainer<?> prometheus = null;
        try {
            int port = freePort();
            String config = """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: %s
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(JOB, exporter.port());
            if (!extras.ruleFiles().isEmpty()) {
                config += "rule_files: ['/etc/prometheus/rules/*.yml']\n";
            }
            prometheus = new GenericContainer<>(DockerImageName.parse(prometheusImage()))
                    .withNetworkMode("host")
                    .withCopyToContainer(Transferable.of(config), "/etc/prometheus/prometheus.yml");
            for (Path rules : extras.ruleFiles()) {
                prometheus.withCopyToContainer(Transferable.of(readString(rules)),
                        "/etc/prometheus/rules/" + rules.getFileName());
            }
            String serve = "--config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus "
                    + "--web.listen-address=127.0.0.1:" + port;
            String history = extras.history().apply("127.0.0.1:" + exporter.port());
            if (history == null) {
                prometheus.withCommand(serve.split(" "));
            } else {
                prometheus.withCopyToContainer(Transferable.of(history), "/etc/prometheus/history.om")
                        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"))
                        .withCommand("-c", "promtool tsdb create-blocks-from openmetrics /etc/prometheus/history.om "
                                + "/prometheus && exec prometheus " + serve);
            }
            prometheus.start();
            ScrapedExporter stack = new ScrapedExporter(exporter, prometheus, port);
            stack.awaitOrExplain("Prometheus to become ready", Duration.ofSeconds(60), stack.api::ready);
            return stack;
        } catch (RuntimeException | Error e) {
            if (prometheus != null) {
                prometheus.stop();
            }
            exporter.close();
            throw e;
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PrometheusHttp api() {
        return api;
    }

    int prometheusPort() {
        return prometheusPort;
    }

    String instance() {
        return "127.0.0.1:" + exporter.port();
    }

    /** The selector every check query needs, for this one scrape target. */
    String target() {
        return "job=\"" + JOB + "\", instance=\"" + instance() + "\"";
    }

    /** Time of the newest scrape: queries evaluated there all see the same samples. */
    double lastScrapeTime() {
        List<PrometheusHttp.Sample> samples = api.query("timestamp(up{" + target() + "})", nowSeconds());
        if (samples.size() != 1) {
            throw new AssertionError("expected one up series, got " + samples);
        }
        return samples.getFirst().value();
    }

    /** Waits until an instant query returns exactly one sample with the given value. */
    void awaitValue(String promql, double expected, Duration timeout) {
        awaitOrExplain(promql + " == " + expected, timeout, () -> {
            List<PrometheusHttp.Sample> samples = api.query(promql, nowSeconds());
            return samples.size() == 1 && samples.getFirst().value() == expected;
        });
    }

    private void awaitOrExplain(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; Prometheus (" + prometheusImage()
                    + ") logged:\n" + prometheus.getLogs(), e);
        }
    }

    static double nowSeconds() {
        return System.currentTimeMillis() / 1000.0;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            prometheus.stop();
        } finally {
            exporter.close();
        }
    }
}
