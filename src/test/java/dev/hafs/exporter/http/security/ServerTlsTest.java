package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates and keys in the forms operators bring, and the handshake policy built from the settings. */
class ServerTlsTest {
    @TempDir
    Path dir;

    private TlsServerConfig config(Path cert, Path key) {
        return new TlsServerConfig(cert, key, Optional.empty(), ClientAuthType.NO_CLIENT_CERT, TlsVersion.TLS12,
                TlsVersion.TLS13, List.of(), List.of(), true);
    }

    private ServerTls create(TlsServerConfig config) throws Exception {
        return ServerTls.create(config, new TlsFiles(Files.readAllBytes(config.certFile()),
                Files.readAllBytes(config.keyFile()),
                config.clientCaFile().isPresent() ? Optional.of(Files.readAllBytes(config.clientCaFile().get())) : Optional.empty()));
    }

    /** A self-signed certificate for a key that openssl wrote in one of its formats. */
    private Path selfSigned(Path key) {
        Path cert = dir.resolve(key.getFileName() + ".crt");
        TestPki.openssl("req", "-x509", "-new", "-key", key.toString(), "-days", "1", "-subj", "/CN=test",
                "-out", cert.toString());
        return cert;
    }

    @Test
    void pkcs8Pkcs1AndSec1KeysAllLoad() throws Exception {
        Path pkcs8 = dir.resolve("pkcs8.key");
        TestPki.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", pkcs8.toString());
        Path pkcs1 = dir.resolve("pkcs1.key");
        TestPki.openssl("genrsa", "-traditional", "-out", pkcs1.toString(), "2048");
        Path sec1 = dir.resolve("sec1.key");
        TestPki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", sec1.toString());

        assertThat(Files.readString(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PARAMETERS-----").contains("BEGIN EC PRIVATE KEY");
        for (Path key : List.of(pkcs8, pkcs1, sec1)) {
            ServerTls tls = create(config(selfSigned(key), key));
            assertThat(tls.newEngine(null, -1).getUseClientMode()).as(key.toString()).isFalse();
        }
    }

    @Test
    void aKeyFromAnotherPairIsRefused() throws Exception {
        TestPki pki = TestPki.create(dir, "pair");
        TestPki.Issued first = pki.server("first");
        TestPki.Issued second = pki.server("second");

        assertThatThrownBy(() -> create(config(first.certificate(), second.key())))
                .isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.key_file does not match the certificate in cert_file"
                        + " (is one of them from an older pair?)");
    }

    @Test
    void unusableFilesAreNamed() throws Exception {
        TestPki.Issued server = TestPki.create(dir, "files").server("server");
        Path encrypted = dir.resolve("encrypted.key");
        TestPki.openssl("pkcs8", "-topk8", "-in", server.key().toString(), "-passout", "pass:x", "-out", encrypted.toString());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

        assertThatThrownBy(() -> create(config(server.certificate(), encrypted))).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.key_file: encrypted private keys are not supported;"
                        + " decrypt it with: openssl pkey -in KEY -out KEY.plain");
        assertThatThrownBy(() -> create(config(empty, server.key()))).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.cert_file: no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        assertThatThrownBy(() -> create(config(server.certificate(), empty))).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.key_file: no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    @Test
    void thePolicyFollowsTheSettings() throws Exception {
        TestPki pki = TestPki.create(dir, "policy");
        TestPki.Issued server = pki.server("server");
        TlsServerConfig config = new TlsServerConfig(server.certificate(), server.key(), Optional.of(pki.caCertificate()),
                ClientAuthType.REQUIRE_AND_VERIFY_CLIENT_CERT, TlsVersion.TLS12, TlsVersion.TLS13,
                List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), List.of("secp384r1"), false);

        SSLParameters parameters = create(config).newEngine(null, -1).getSSLParameters();

        assertThat(parameters.getProtocols()).containsExactly("TLSv1.2", "TLSv1.3");
        // Go leaves TLS 1.3 suites out of cipher_suites' reach; without them TLS 1.3 clients would fail.
        assertThat(parameters.getCipherSuites()).startsWith("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")
                .contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThat(parameters.getNamedGroups()).containsExactly("secp384r1");
        assertThat(parameters.getNeedClientAuth()).isTrue();
        assertThat(parameters.getUseCipherSuitesOrder()).isFalse();
    }

    @Test
    void anUnknownCipherIsNamed() throws IOException {
        TestPki.Issued server = TestPki.create(dir, "cipher").server("server");
        TlsServerConfig config = new TlsServerConfig(server.certificate(), server.key(), Optional.empty(),
                ClientAuthType.NO_CLIENT_CERT, TlsVersion.TLS12, TlsVersion.TLS13, List.of("TLS_RSA_WITH_RC4"), List.of(), true);

        assertThatThrownBy(() -> create(config)).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.cipher_suites: unknown cipher \"TLS_RSA_WITH_RC4\"");
    }
}
