package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real handshakes against the running exporter, as the toolkit's own server tests make them: each key
 * form serves, and versions, cipher suites (and whose order wins), curves and renegotiation behave as
 * with a Go exporter given the same file.
 */
class TlsHandshakeTest {
    private static final String AES_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES_256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";

    @TempDir
    Path dir;

    private SSLContext trustsServer;

    private ExporterWithWebConfig start(String tlsSettings) {
        TestPki ca = TestPki.create(dir, "server");
        ca.server("server");
        trustsServer = TestPki.clientContext(ca.caCertificate(), Optional.empty());
        return ExporterWithWebConfig.start(dir, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + tlsSettings);
    }

    /** Handshakes with the client's settings, then GETs /-/healthy over it; the suite agreed, or an IOException. */
    private String handshake(ExporterWithWebConfig exporter, Consumer<SSLParameters> client) throws IOException {
        try (SSLSocket socket = (SSLSocket) trustsServer.getSocketFactory().createSocket("127.0.0.1", exporter.exporter().port())) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            client.accept(parameters);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(healthy(socket)).isEqualTo("HTTP/1.1 200 OK");
            return socket.getSession().getCipherSuite();
        }
    }

    private static String healthy(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next >= 0 && next != '\r'; next = in.read()) {
            line.append((char) next);
        }
        in.readNBytes(in.available());
        return line.toString();
    }

    private static Consumer<SSLParameters> protocols(String... protocols) {
        return parameters -> parameters.setProtocols(protocols);
    }

    private static Consumer<SSLParameters> tls12With(String... suites) {
        return parameters -> {
            parameters.setProtocols(new String[] {"TLSv1.2"});
            parameters.setCipherSuites(suites);
        };
    }

    @Test
    void everyKeyFormServes() throws IOException {
        for (Path key : ServerTlsTest.keysInEveryForm(dir)) {
            Path cert = ServerTlsTest.selfSigned(key);
            trustsServer = TestPki.clientContext(cert, Optional.empty());
            try (ExporterWithWebConfig exporter = ExporterWithWebConfig.start(dir,
                    "tls_server_config: {cert_file: " + cert + ", key_file: " + key + "}\n")) {
                assertThat(handshake(exporter, parameters -> { })).as(key.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void versionsOutsideTheRangeAreRefused() throws IOException {
        try (ExporterWithWebConfig exporter = start("")) {
            assertThat(handshake(exporter, protocols("TLSv1.3"))).startsWith("TLS_AES_");
            assertThat(handshake(exporter, protocols("TLSv1.2"))).startsWith("TLS_ECDHE_");
            assertThatThrownBy(() -> handshake(exporter, protocols("TLSv1.1"))).as("TLS 1.1").isInstanceOf(IOException.class);
        }
        try (ExporterWithWebConfig exporter = start("  max_version: TLS12\n")) {
            assertThatThrownBy(() -> handshake(exporter, protocols("TLSv1.3"))).as("TLS 1.3 above max_version")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void cipherSuitesLimitTls12AndTheServersOrderWinsUnlessToldOtherwise() throws IOException {
        try (ExporterWithWebConfig exporter = start("  cipher_suites: [" + AES_256 + ", " + AES_128 + "]\n")) {
            assertThat(handshake(exporter, tls12With(AES_128))).isEqualTo(AES_128);
            assertThat(handshake(exporter, tls12With(AES_128, AES_256))).as("the server's order").isEqualTo(AES_256);
            assertThatThrownBy(() -> handshake(exporter, tls12With("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384")))
                    .as("no common suite").isInstanceOf(IOException.class);
            assertThat(handshake(exporter, protocols("TLSv1.3"))).as("TLS 1.3 suites stay on, as in Go").startsWith("TLS_AES_");
        }
        try (ExporterWithWebConfig exporter = start("  cipher_suites: [" + AES_256 + ", " + AES_128 + "]\n"
                + "  prefer_server_cipher_suites: false\n")) {
            assertThat(handshake(exporter, tls12With(AES_128, AES_256))).as("the client's order").isEqualTo(AES_128);
        }
    }

    @Test
    void curvePreferencesLimitTheKeyExchange() throws IOException {
        try (ExporterWithWebConfig exporter = start("  min_version: TLS13\n  curve_preferences: [CurveP521]\n")) {
            assertThat(handshake(exporter, parameters -> parameters.setNamedGroups(new String[] {"secp521r1"}))).isNotEmpty();
            assertThatThrownBy(() -> handshake(exporter, parameters -> parameters.setNamedGroups(new String[] {"secp384r1"})))
                    .as("no common curve").isInstanceOf(IOException.class);
        }
    }

    @Test
    void aClientCannotRenegotiate() throws IOException {
        try (ExporterWithWebConfig exporter = start("");
                SSLSocket socket = (SSLSocket) trustsServer.getSocketFactory().createSocket("127.0.0.1", exporter.exporter().port())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(healthy(socket)).isEqualTo("HTTP/1.1 200 OK");

            String afterRenegotiation;
            try {
                socket.startHandshake();
                afterRenegotiation = healthy(socket);
            } catch (IOException e) {
                afterRenegotiation = "refused: " + e.getMessage();
            }
            // Refused with an alert, as Go's servers do, rather than half-done and dropped.
            assertThat(afterRenegotiation).as("after a second handshake from the client").contains("handshake_failure");
        }
    }

    @Test
    void theDefaultsServeEveryCommonClient() throws IOException {
        try (ExporterWithWebConfig exporter = start("")) {
            for (List<String> protocols : List.of(List.of("TLSv1.3"), List.of("TLSv1.2"), List.of("TLSv1.3", "TLSv1.2"))) {
                assertThat(handshake(exporter, protocols(protocols.toArray(new String[0])))).as(protocols.toString()).isNotEmpty();
            }
        }
    }
}
