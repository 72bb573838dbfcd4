package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hafs.exporter.http.security.TestPki;
import dev.hafs.exporter.http.security.WebSecurity;
import dev.hafs.exporter.testing.CapturedLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExporterHttpServer#reloadWebConfig()}, what SIGHUP calls: one read of the file as it is now,
 * applied at once when valid (the poll, set to an hour here, plays no part), logged either way.
 */
class ReloadWebConfigTest {
    @TempDir
    Path dir;

    private final CapturedLog log = CapturedLog.of(WebSecurity.class);

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private static String users(String password) {
        return "basic_auth_users:\n  prometheus: " + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, password.toCharArray()) + "\n";
    }

    private static int status(HttpClient client, String uri, String password) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("prometheus:" + password).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aNewVersionAppliesAtOnceAndABrokenOneLeavesThePreviousInForce() throws Exception {
        Path webConfig = Files.writeString(dir.resolve("web.yml"), users("old"));
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.of(webConfig), "127.0.0.1:0")) {
            HttpClient client = HttpClient.newHttpClient();
            String metrics = "http://127.0.0.1:" + server.port() + "/metrics";
            assertThat(status(client, metrics, "old")).isEqualTo(200);

            Files.writeString(webConfig, users("new"));
            server.server().reloadWebConfig();
            assertThat(status(client, metrics, "new")).isEqualTo(200);
            assertThat(status(client, metrics, "old")).isEqualTo(401);
            assertThat(log.lines()).last().asString().contains("web config reloaded", "changed=true");

            Files.writeString(webConfig, "basic_auth_users:\n  prometheus: new-in-clear\n");
            server.server().reloadWebConfig();
            assertThat(log.lines()).last().asString().contains("web config not reloaded, the previous version stays in force",
                    "basic_auth_users.prometheus: not a bcrypt hash");
            assertThat(status(client, metrics, "new")).isEqualTo(200);

            server.server().reloadWebConfig();
            assertThat(log.lines().stream().filter(line -> line.contains("not a bcrypt hash"))).as("logged at every reload asked for")
                    .hasSize(2);
        }
    }

    @Test
    void whatAListenerFixesAtItsStartNeedsARestart() throws IOException {
        TestPki ca = TestPki.create(dir, "server");
        ca.server("server");
        String tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";
        Path webConfig = Files.writeString(dir.resolve("web.yml"), tls);
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.of(webConfig), "127.0.0.1:0")) {
            for (String change : List.of(tls + "  client_auth_type: RequireAnyClientCert\n", tls + "  min_version: TLS13\n",
                    tls + "  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n", users("new"))) {
                Files.writeString(webConfig, change);
                server.server().reloadWebConfig();
                assertThat(log.lines()).last().asString().as(change)
                        .contains("web config not reloaded, the previous version stays in force")
                        .containsAnyOf("fixed at start; restart the exporter", "switching between HTTP and HTTPS needs a restart");
            }
            HttpClient client = HttpClient.newBuilder().sslContext(TestPki.clientContext(ca.caCertificate(), Optional.empty()))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(status(client, "https://127.0.0.1:" + server.port() + "/metrics", "any")).as("still TLS, no password")
                    .isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
