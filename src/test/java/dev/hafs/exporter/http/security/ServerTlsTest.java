package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates and keys in the forms operators bring, turned into Helidon's Tls, and each mistake
 * named. (Handshakes with these keys and settings are in {@link TlsHandshakeTest}.)
 */
class ServerTlsTest {
    private static final List<String> BOTH_VERSIONS = List.of("TLSv1.2", "TLSv1.3");

    @TempDir
    Path dir;

    private static TlsServerConfig config(Path cert, Path key) {
        return new TlsServerConfig(cert, key, Optional.empty(), ClientAuthType.NO_CLIENT_CERT, BOTH_VERSIONS,
                List.of(), List.of(), true);
    }

    static Tls create(TlsServerConfig config) throws Exception {
        return ServerTls.create(config, new WebConfigFile.TlsFiles(Files.readAllBytes(config.certFile()),
                Files.readAllBytes(config.keyFile()),
                config.clientCaFile().isPresent() ? Optional.of(Files.readAllBytes(config.clientCaFile().get())) : Optional.empty()));
    }

    /** A self-signed certificate for a key that openssl wrote in one of its formats. */
    static Path selfSigned(Path key) {
        Path cert = key.resolveSibling(key.getFileName() + ".crt");
        TestPki.openssl("req", "-x509", "-new", "-key", key.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-out", cert.toString());
        return cert;
    }

    /** The key forms Go's crypto/tls reads, as openssl and cert-manager write them. */
    static List<Path> keysInEveryForm(Path dir) {
        Path pkcs8 = dir.resolve("pkcs8.key");
        TestPki.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", pkcs8.toString());
        Path pkcs1 = dir.resolve("pkcs1.key");
        TestPki.openssl("genrsa", "-traditional", "-out", pkcs1.toString(), "2048");
        Path sec1 = dir.resolve("sec1.key");
        TestPki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
        Path sec1WithParameters = dir.resolve("sec1-with-parameters.key");
        TestPki.openssl("ecparam", "-name", "secp384r1", "-genkey", "-out", sec1WithParameters.toString());
        return List.of(pkcs8, pkcs1, sec1, sec1WithParameters);
    }

    @Test
    void pkcs8Pkcs1AndSec1KeysAllLoad() throws Exception {
        List<Path> keys = keysInEveryForm(dir);

        assertThat(Files.readString(keys.get(0))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(keys.get(1))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(keys.get(2))).as("as cert-manager writes it").startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(keys.get(3))).startsWith("-----BEGIN EC PARAMETERS-----").contains("BEGIN EC PRIVATE KEY");
        for (Path key : keys) {
            Tls tls = create(config(selfSigned(key), key));
            assertThat(tls.enabled()).as(key.toString()).isTrue();
            assertThat(tls.prototype().privateKey()).as(key.toString()).isPresent();
        }
    }

    @Test
    void aKeyFromAnotherPairIsRefused() throws Exception {
        TestPki pki = TestPki.create(dir, "pair");
        TestPki.Issued first = pki.server("first");
        TestPki.Issued second = pki.server("second");
        Path rsa = dir.resolve("rsa.key");
        TestPki.openssl("genrsa", "-out", rsa.toString(), "2048");

        for (Path wrongKey : List.of(second.key(), rsa)) {
            assertThatThrownBy(() -> create(config(first.certificate(), wrongKey)))
                    .isInstanceOf(WebConfigException.class)
                    .hasMessage("tls_server_config.key_file does not match the certificate in cert_file"
                            + " (is one of them from an older pair?)");
        }
    }

    @Test
    void unusableFilesAreNamed() throws Exception {
        TestPki.Issued server = TestPki.create(dir, "files").server("server");
        Path encrypted = dir.resolve("encrypted.key");
        TestPki.openssl("pkcs8", "-topk8", "-in", server.key().toString(), "-passout", "pass:x", "-out", encrypted.toString());
        Path legacyEncrypted = dir.resolve("legacy-encrypted.key");
        TestPki.openssl("ec", "-in", server.key().toString(), "-aes256", "-passout", "pass:x",
                "-out", legacyEncrypted.toString());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        for (Path key : List.of(encrypted, legacyEncrypted)) {
            assertThatThrownBy(() -> create(config(server.certificate(), key))).isInstanceOf(WebConfigException.class)
                    .hasMessage("tls_server_config.key_file: encrypted private keys are not supported;"
                            + " decrypt it with: openssl pkey -in KEY -out KEY.plain");
        }
        assertThatThrownBy(() -> create(config(empty, server.key()))).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.cert_file: no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        assertThatThrownBy(() -> create(config(broken, server.key()))).isInstanceOf(WebConfigException.class)
                .hasMessageStartingWith("tls_server_config.cert_file: a certificate in it cannot be parsed");
        assertThatThrownBy(() -> create(config(server.certificate(), empty))).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.key_file: no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    @Test
    void thePolicyFollowsTheSettings() throws Exception {
        TestPki pki = TestPki.create(dir, "policy");
        TestPki.Issued server = pki.server("server");
        TlsServerConfig config = new TlsServerConfig(server.certificate(), server.key(), Optional.of(pki.caCertificate()),
                ClientAuthType.REQUIRE_AND_VERIFY_CLIENT_CERT, BOTH_VERSIONS,
                List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), List.of("secp384r1"), false);

        SSLParameters parameters = create(config).sslParameters();

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
                ClientAuthType.NO_CLIENT_CERT, BOTH_VERSIONS, List.of("TLS_RSA_WITH_RC4"), List.of(), true);

        assertThatThrownBy(() -> create(config)).isInstanceOf(WebConfigException.class)
                .hasMessage("tls_server_config.cipher_suites: unknown cipher \"TLS_RSA_WITH_RC4\"");
    }
}
