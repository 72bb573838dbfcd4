package dev.hafs.exporter.http.security;

import static dev.hafs.exporter.http.security.ExporterWithWebConfig.client;
import static dev.hafs.exporter.http.security.ExporterWithWebConfig.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hafs.exporter.testing.CapturedLog;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web config file rewritten under a running exporter: picked up when good, refused when bad. */
class WebConfigReloadTest {
    private static final Duration PICKED_UP = Duration.ofSeconds(10);
    private static final Optional<String> OLD = Optional.of("prometheus:old-password");
    private static final Optional<String> NEW = Optional.of("prometheus:new-password");

    @TempDir
    Path dir;

    private final CapturedLog log = CapturedLog.of(WebSecurity.class);

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private static String hash(String password) {
        return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, password.toCharArray());
    }

    private static String config(String password) {
        return """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  prometheus: %s
                """.formatted(hash(password));
    }

    @Test
    void aNewPasswordIsPickedUpAndABrokenRewriteKeepsItInForce() {
        TestPki ca = TestPki.create(dir, "server");
        ca.server("server");
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, config("old-password"))) {
            HttpClient https = client(TestPki.clientContext(ca.caCertificate(), Optional.empty()));
            assertThat(status(https, exporter.https("/metrics"), OLD)).isEqualTo(200);

            exporter.rewrite(config("new-password"));
            await("the new password to work").atMost(PICKED_UP)
                    .until(() -> status(https, exporter.https("/metrics"), NEW) == 200);
            assertThat(status(https, exporter.https("/metrics"), OLD)).isEqualTo(401);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("web config reloaded"));

            exporter.rewrite("basic_auth_users:\n  prometheus: new-password-in-clear\n");
            await("the broken version to be refused").atMost(PICKED_UP).until(() -> log.lines().stream().anyMatch(line ->
                    line.contains("web config not reloaded, the previous version stays in force")
                            && line.contains("basic_auth_users.prometheus: not a bcrypt hash")));
            await("the previous version to stay in force").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> status(https, exporter.https("/metrics"), NEW) == 200);
            assertThat(status(https, exporter.https("/metrics"), OLD)).isEqualTo(401);
            assertThat(log.lines().stream().filter(line -> line.contains("not a bcrypt hash"))).as("logged once").hasSize(1);
        }
    }

    @Test
    void aRotatedCertificateIsServedWithoutARestart() throws IOException {
        TestPki firstCa = TestPki.create(dir, "first");
        TestPki.Issued first = firstCa.server("first");
        Files.copy(first.certificate(), dir.resolve("server.crt"));
        Files.copy(first.key(), dir.resolve("server.key"));
        TestPki secondCa = TestPki.create(dir, "second");
        TestPki.Issued second = secondCa.server("second");
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, config("old-password"))) {
            HttpClient trustsFirst = client(TestPki.clientContext(firstCa.caCertificate(), Optional.empty()));
            HttpClient trustsSecond = client(TestPki.clientContext(secondCa.caCertificate(), Optional.empty()));
            assertThat(status(trustsFirst, exporter.https("/metrics"), OLD)).isEqualTo(200);
            assertThat(status(trustsSecond, exporter.https("/metrics"), OLD)).as("before rotation").isZero();

            // As cert-manager or a renewal script does it: the certificate, then the key, in place.
            Files.copy(second.certificate(), dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.key(), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);

            await("the new certificate to be served").atMost(PICKED_UP)
                    .until(() -> status(trustsSecond, exporter.https("/metrics"), OLD) == 200);
            // A connection opened before the rotation keeps its session; a new one gets the new certificate.
            HttpClient newClientTrustingFirst = client(TestPki.clientContext(firstCa.caCertificate(), Optional.empty()));
            assertThat(status(newClientTrustingFirst, exporter.https("/metrics"), OLD)).as("after rotation").isZero();
        }
    }

    @Test
    void switchingTlsOffIsRefusedUntilARestart() {
        TestPki ca = TestPki.create(dir, "server");
        ca.server("server");
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, config("old-password"))) {
            HttpClient https = client(TestPki.clientContext(ca.caCertificate(), Optional.empty()));

            exporter.rewrite("basic_auth_users:\n  prometheus: " + hash("new-password") + "\n");

            await("the rewrite to be refused").atMost(PICKED_UP).until(() -> log.lines().stream().anyMatch(line ->
                    line.contains("tls_server_config was removed; switching between HTTP and HTTPS needs a restart")));
            assertThat(status(https, exporter.https("/metrics"), OLD)).isEqualTo(200);
        }
    }
}
