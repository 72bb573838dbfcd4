package dev.hafs.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.ExporterProcess;
import dev.hafs.exporter.testing.Exposition;
import dev.hafs.exporter.testing.ExternalTool;
import dev.hafs.exporter.testing.Fixtures;
import dev.hafs.exporter.testing.LogLines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as its own process, driven the way operators and supervisors drive it: real signals
 * ({@code kill -s HUP}), a stage that cannot go on, a listener that Helidon gives up. Asserted on
 * what they see: the probes, the metrics, the exit code and the log records on standard error.
 */
@Tag("slow")
class LifecycleProcessTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static String hash(String password) {
        return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, password.toCharArray());
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("prometheus:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map<String, String>> records(ExporterProcess exporter) {
        return LogLines.logfmt(exporter.stderrLines());
    }

    private static boolean logged(ExporterProcess exporter, String message) {
        return records(exporter).stream().anyMatch(record -> record.get("msg").equals(message));
    }

    @Test
    void sighupReReadsTheWebConfigAndEveryFileAndTheProcessGoesOn() throws Exception {
        Path training = dir.resolve("training");
        Fixtures.copy("basic", training);
        Path webConfig = dir.resolve("web.yml");
        Files.writeString(webConfig, "basic_auth_users:\n  prometheus: " + hash("one") + "\n");
        try (ExporterProcess exporter = ExporterProcess.command(ExporterProcess.readmeJvmOptions(), dir,
                "--training.dir=" + training, "--web.listen-address=127.0.0.1:0", "--web.config.file=" + webConfig,
                "--watch.poll-interval=1h")) {
            ExporterClient client = exporter.client();
            Exposition before = Exposition.parse(client.get("/metrics", "Authorization", basic("one")).body());

            Files.writeString(webConfig, "basic_auth_users:\n  prometheus: " + hash("two") + "\n");
            exporter.signal("HUP");

            await().atMost(WITHIN).until(() -> client.get("/metrics", "Authorization", basic("two")).statusCode() == 200);
            assertThat(client.get("/metrics", "Authorization", basic("one")).statusCode()).isEqualTo(401);
            // Every file read again although none changed; the sources whose files are missing load nothing.
            Set<String> present;
            try (var files = Files.list(training)) {
                present = files.map(file -> "hafs_source_loads_total{file=\"" + file.getFileName() + "\"}")
                        .collect(java.util.stream.Collectors.toSet());
            }
            await().atMost(WITHIN).until(() -> Exposition.parse(client.get("/metrics", "Authorization", basic("two")).body())
                    .family("hafs_source_loads_total").entrySet().stream()
                    .allMatch(series -> series.getValue() == before.value(series.getKey()).orElseThrow()
                            + (present.contains(series.getKey()) ? 1 : 0)));
            assertThat(logged(exporter, "reloading: re-reading the web config and every file in the training directory")).isTrue();
            assertThat(logged(exporter, "web config reloaded")).isTrue();

            Files.writeString(webConfig, "basic_auth_users:\n  prometheus: not-a-hash\n");
            exporter.signal("HUP");

            await().atMost(WITHIN).until(() -> logged(exporter, "web config not reloaded, the previous version stays in force"));
            assertThat(client.get("/metrics", "Authorization", basic("two")).statusCode()).isEqualTo(200);
            assertThat(exporter.alive()).isTrue();
        }
    }

    @Test
    void aStageThatCannotGoOnAnswers503WithTheReasonThenExitsWithOne() throws Exception {
        Fixtures.copy("basic", dir.resolve("training"));
        try (ExporterProcess exporter = ExporterProcess.onClassPath(ExporterProcess.readmeJvmOptions(), FailingWatchMain.class, dir,
                "--training.dir=" + dir.resolve("training"), "--web.listen-address=127.0.0.1:0", "--watch.poll-interval=100ms")) {
            ExporterClient client = exporter.client();
            Set<String> healthBodies = ConcurrentHashMap.newKeySet();

            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
                try {
                    HttpResponse<String> healthy = client.get("/-/healthy");
                    healthBodies.add(healthy.statusCode() + " " + healthy.body());
                } catch (RuntimeException refused) {
                    return !exporter.alive();
                }
                return !exporter.alive();
            });

            assertThat(exporter.awaitExit(WITHIN)).isEqualTo(1);
            assertThat(healthBodies).contains("200 Healthy.\n",
                    "503 Unhealthy: the directory watch stopped: it failed again and again\n");
            List<Map<String, String>> records = records(exporter);
            assertThat(records).anySatisfy(record -> assertThat(record).containsEntry("level", "error")
                    .containsEntry("msg", "the exporter cannot go on: /-/healthy answers 503 and the process shuts down to be restarted")
                    .containsEntry("reason", "the directory watch stopped: it failed again and again"));
            assertThat(records).extracting(record -> record.get("msg")).containsSubsequence(
                    "shutting down, finishing the requests in flight", "shut down");
        }
    }

    @Test
    void aListenerThatHelidonGaveUpIsNoticedAndTheProcessExitsWithOne() throws Exception {
        Fixtures.copy("basic", dir.resolve("training"));
        try (ExporterProcess exporter = ExporterProcess.command(ExporterProcess.readmeJvmOptions(), dir,
                "--training.dir=" + dir.resolve("training"), "--web.listen-address=127.0.0.1:0")) {
            int port = exporter.port();
            exporter.client().scrape();

            // Out of file descriptors: the next accept fails, and Helidon stops that listener for good.
            long open;
            try (var fds = Files.list(Path.of("/proc", Long.toString(exporter.pid()), "fd"))) {
                open = fds.count();
            }
            ExternalTool.Result limit = ExternalTool.runProcess(List.of("prlimit", "--pid", Long.toString(exporter.pid()),
                    "--nofile=" + (open + 8) + ":" + (open + 8)), null);
            assertThat(limit.exitCode()).as(limit.output()).isZero();
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 40 && exporter.alive(); i++) {
                    Socket socket = new Socket();
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                        idle.add(socket);
                    } catch (IOException refused) {
                        socket.close();
                    }
                }
                await().atMost(WITHIN).until(() -> records(exporter).stream()
                        .anyMatch(record -> record.get("msg").startsWith("Got a throwable while listening")));
            } finally {
                // The flood ends; the listener stays given up, and nothing but the exporter's own check would tell.
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            assertThat(exporter.awaitExit(Duration.ofSeconds(40))).isEqualTo(1);
            assertThat(records(exporter)).anySatisfy(record -> assertThat(record).containsEntry("level", "error")
                    .containsEntry("reason", "the HTTP listener stopped taking connections"));
        }
    }
}
