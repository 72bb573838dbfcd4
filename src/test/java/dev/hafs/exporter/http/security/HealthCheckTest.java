package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.http.HealthCheck;
import dev.hafs.exporter.http.HealthCheck.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code healthcheck} subcommand against the real exporter in each security setup a user can
 * choose, and against servers that answer wrong, late or not at all.
 */
class HealthCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private TestPki serverCa;

    @BeforeEach
    void makeCertificates() {
        serverCa = TestPki.create(dir, "server");
        serverCa.server("server");
    }

    private static Outcome check(int port) {
        return HealthCheck.check(new InetSocketAddress("127.0.0.1", port), TIMEOUT);
    }

    private static final String TLS = """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            """;
    private static final String BASIC_AUTH = """
            basic_auth_users:
              prometheus: %s
            """.formatted(WebConfigParserTest.HTPASSWD_HASH);

    @Test
    void plainHttpIsHealthy() {
        try (HafsTrainingExporter exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + dir.resolve("training"), "--web.listen-address=127.0.0.1:0"))) {
            Outcome outcome = check(exporter.port());

            assertThat(outcome.healthy()).isTrue();
            assertThat(outcome.message()).isEqualTo("healthy: GET http://127.0.0.1:" + exporter.port() + "/-/healthy answered 200");
        }
    }

    @Test
    void basicAuthOverPlainHttpIsAliveWithoutAPassword() {
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, BASIC_AUTH)) {
            Outcome outcome = check(exporter.exporter().port());

            assertThat(outcome.healthy()).isTrue();
            assertThat(outcome.message()).startsWith("alive: GET http://127.0.0.1:").contains("answered 401 (basic auth is on");
        }
    }

    @Test
    void tlsIsHealthyWithoutKnowingTheCa() {
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, TLS)) {
            Outcome outcome = check(exporter.exporter().port());

            assertThat(outcome.healthy()).isTrue();
            assertThat(outcome.message()).isEqualTo("healthy: GET https://127.0.0.1:" + exporter.exporter().port()
                    + "/-/healthy answered 200");
        }
    }

    @Test
    void tlsWithBasicAuthIsAlive() {
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, TLS + BASIC_AUTH)) {
            Outcome outcome = check(exporter.exporter().port());

            assertThat(outcome.healthy()).isTrue();
            assertThat(outcome.message()).startsWith("alive: GET https://").contains("answered 401");
        }
    }

    @Test
    void mutualTlsIsAliveOnTheHandshakeThatDemandsACertificate() {
        TestPki.create(dir, "clients");
        for (String clientAuth : new String[] {"RequireAndVerifyClientCert", "RequireAnyClientCert"}) {
            try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, TLS + """
                      client_ca_file: clients-ca.crt
                      client_auth_type: %s
                    """.formatted(clientAuth))) {
                Outcome outcome = check(exporter.exporter().port());

                assertThat(outcome.healthy()).as("%s: %s", clientAuth, outcome.message()).isTrue();
                assertThat(outcome.message()).as(clientAuth).startsWith("alive: https://").contains("demands a client certificate");
            }
        }
        // Asked for but not required: the handshake succeeds without one, and /-/healthy answers.
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, TLS + """
                  client_ca_file: clients-ca.crt
                  client_auth_type: VerifyClientCertIfGiven
                """)) {
            assertThat(check(exporter.exporter().port()).message()).startsWith("healthy: GET https://");
        }
    }

    @Test
    void nothingListeningIsUnhealthy() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        Outcome outcome = check(port);

        assertThat(outcome.healthy()).isFalse();
        assertThat(outcome.message()).startsWith("unhealthy: nothing listens on 127.0.0.1:" + port);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsUnhealthyWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            Outcome outcome = check(silent.getLocalPort());

            assertThat(outcome.healthy()).isFalse();
            assertThat(outcome.message()).startsWith("unhealthy: no answer from 127.0.0.1:" + silent.getLocalPort());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void a503OrA401FromSomethingElseIsUnhealthy() throws Exception {
        assertThat(answering("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 33\r\n\r\nthe watch thread died: some cause")
                .message()).endsWith("answered 503: the watch thread died: some cause").startsWith("unhealthy: GET http://");
        assertThat(answering("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"other\"\r\nContent-Length: 0\r\n\r\n")
                .message()).endsWith("answered 401, but not with the exporter's challenge");
        assertThat(answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").healthy()).isFalse();
        assertThat(answering("SSH-2.0-OpenSSH_9.2\r\n\r\n").message()).contains("not an HTTP answer");
    }

    /** A plain server that hangs up on the TLS attempt, as the exporter does, then answers {@code response}. */
    private static Outcome answering(String response) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            executor.submit(() -> {
                try (Socket tlsAttempt = server.accept()) {
                    tlsAttempt.getInputStream().read();
                }
                try (Socket plain = server.accept()) {
                    readRequestHead(plain);
                    OutputStream out = plain.getOutputStream();
                    out.write(response.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // Keeps the connection open, as Helidon does after its answer: the check must not wait for EOF.
                    plain.getInputStream().read();
                }
                return null;
            });
            return check(server.getLocalPort());
        } finally {
            executor.shutdownNow();
        }
    }

    private static void readRequestHead(Socket socket) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                return;
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
