package dev.hafs.exporter.http.security;

import static dev.hafs.exporter.http.security.ExporterWithWebConfig.client;
import static dev.hafs.exporter.http.security.ExporterWithWebConfig.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter behind TLS, basic auth and headers, checked with the JDK's HttpClient as a scraper would. */
class SecuredExporterTest {
    private static final Optional<String> RIGHT = Optional.of("prometheus:scrape-secret");

    @TempDir
    Path dir;

    private TestPki serverCa;
    private TestPki.Issued server;

    @BeforeEach
    void makeCertificates() {
        serverCa = TestPki.create(dir, "server");
        server = serverCa.server("server");
    }

    private String tls(String extra) {
        return """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                """ + extra;
    }

    @Test
    void basicAuthOverTlsGuardsEveryPathAndEveryResponseCarriesTheHeaders() throws IOException {
        String config = tls("""
                basic_auth_users:
                  prometheus: %s
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                    X-Content-Type-Options: nosniff
                """.formatted(WebConfigParserTest.HTPASSWD_HASH));
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, config)) {
            HttpClient https = client(TestPki.clientContext(serverCa.caCertificate(), Optional.empty()));

            HttpResponse<String> metrics = get(https, exporter.https("/metrics"), RIGHT);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hafs_exporter_build_info");
            assertThat(metrics.headers().firstValue("X-Frame-Options")).contains("deny");
            assertThat(metrics.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(get(https, exporter.https("/"), RIGHT).statusCode()).isEqualTo(200);
            assertThat(get(https, exporter.https("/-/healthy"), RIGHT).statusCode()).isEqualTo(200);
            HttpResponse<String> missing = get(https, exporter.https("/nowhere"), RIGHT);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("X-Frame-Options")).contains("deny");

            for (Optional<String> wrong : List.of(Optional.<String>empty(), Optional.of("prometheus:wrong"),
                    Optional.of("nobody:scrape-secret"), Optional.of("prometheus:"))) {
                for (String path : List.of("/metrics", "/", "/-/healthy", "/-/ready", "/nowhere")) {
                    HttpResponse<String> refused = get(https, exporter.https(path), wrong);
                    assertThat(refused.statusCode()).as("%s with %s", path, wrong).isEqualTo(401);
                    assertThat(refused.headers().firstValue("WWW-Authenticate"))
                            .contains("Basic realm=\"hafs-training-exporter\", charset=\"UTF-8\"");
                    assertThat(refused.headers().firstValue("X-Frame-Options")).contains("deny");
                    assertThat(refused.body()).isEqualTo("401 unauthorized\n");
                }
            }
            // Cached after the first success, and still refused when wrong afterwards.
            assertThat(get(https, exporter.https("/metrics"), RIGHT).statusCode()).isEqualTo(200);
            assertThat(get(https, exporter.https("/metrics"), Optional.of("prometheus:scrape-secreT")).statusCode())
                    .isEqualTo(401);

            assertThatThrownBy(() -> get(ExporterWithWebConfig.plainClient(), exporter.http("/metrics"), RIGHT))
                    .as("plain HTTP to the TLS port").isInstanceOf(IOException.class);
            HttpClient trustsNobody = client(TestPki.clientContext(TestPki.create(dir, "other").caCertificate(),
                    Optional.empty()));
            assertThatThrownBy(() -> get(trustsNobody, exporter.https("/metrics"), RIGHT))
                    .as("a client that does not trust the server's CA").isInstanceOf(IOException.class);
        }
    }

    @Test
    void mutualTlsAcceptsClientsOfTheConfiguredCaOnly() throws IOException {
        TestPki clientCa = TestPki.create(dir, "clients");
        TestPki.Issued scraper = clientCa.client("scraper");
        TestPki.Issued stranger = TestPki.create(dir, "strangers").client("stranger");
        String config = tls("""
                  client_ca_file: clients-ca.crt
                  client_auth_type: RequireAndVerifyClientCert
                """);
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, config)) {
            Path trusted = serverCa.caCertificate();

            HttpResponse<String> accepted = get(client(TestPki.clientContext(trusted, Optional.of(scraper))),
                    exporter.https("/metrics"), Optional.empty());
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).contains("hafs_exporter_build_info");

            assertThatThrownBy(() -> get(client(TestPki.clientContext(trusted, Optional.empty())),
                    exporter.https("/metrics"), Optional.empty())).as("no client certificate").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(client(TestPki.clientContext(trusted, Optional.of(stranger))),
                    exporter.https("/metrics"), Optional.empty())).as("a certificate of another CA")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theOtherClientAuthTypesAskForAndCheckCertificatesAsGoDoes() throws IOException {
        TestPki clientCa = TestPki.create(dir, "clients");
        TestPki.Issued scraper = clientCa.client("scraper");
        TestPki.Issued stranger = TestPki.create(dir, "strangers").client("stranger");
        Path trusted = serverCa.caCertificate();
        HttpClient withoutCertificate = client(TestPki.clientContext(trusted, Optional.empty()));
        HttpClient withStrangersCertificate = client(TestPki.clientContext(trusted, Optional.of(stranger)));
        HttpClient withScrapersCertificate = client(TestPki.clientContext(trusted, Optional.of(scraper)));

        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, tls("""
                  client_ca_file: clients-ca.crt
                  client_auth_type: VerifyClientCertIfGiven
                """))) {
            assertThat(ExporterWithWebConfig.status(withoutCertificate, exporter.https("/-/healthy"), Optional.empty()))
                    .isEqualTo(200);
            assertThat(ExporterWithWebConfig.status(withScrapersCertificate, exporter.https("/-/healthy"), Optional.empty()))
                    .isEqualTo(200);
            assertThat(ExporterWithWebConfig.status(withStrangersCertificate, exporter.https("/-/healthy"), Optional.empty()))
                    .as("refused handshake").isZero();
        }
        try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir, tls("""
                  client_auth_type: RequireAnyClientCert
                """))) {
            assertThat(ExporterWithWebConfig.status(withStrangersCertificate, exporter.https("/-/healthy"), Optional.empty()))
                    .isEqualTo(200);
            assertThat(ExporterWithWebConfig.status(withoutCertificate, exporter.https("/-/healthy"), Optional.empty()))
                    .as("refused handshake").isZero();
        }
    }
}
