package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The web config cases of prometheus/exporter-toolkit's own tests ({@code web/testdata/*.yml}), each
 * written here from what its file tests and loaded whole, as at start: the file, and the certificates
 * and keys it names (made by {@link TestPki}). A good file is accepted; a bad one refused with a
 * message naming the key at fault. Where this exporter differs, on purpose, the case says so:
 * <ul>
 *   <li>inline {@code cert}, {@code key}, {@code client_ca}, {@code client_allowed_sans} and
 *       {@code rate_limit} are refused as not supported, never ignored;
 *   <li>VerifyClientCertIfGiven or RequireAndVerifyClientCert without client_ca_file is refused: Go
 *       would check client certificates against every public CA of the system, which no operator means.
 *       The toolkit files that use this only in passing (their point is ciphers, curves or versions)
 *       are written here with a client_ca_file, so that they test what they were made for;
 *   <li>a cipher list without HTTP/2's required suite is accepted: this exporter speaks HTTP/1.1 only.
 * </ul>
 */
class ToolkitWebConfigTableTest {
    private static final String TLS = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";
    private static final String VERIFY_IF_GIVEN = TLS + "  client_auth_type: VerifyClientCertIfGiven\n"
            + "  client_ca_file: client_selfsigned.pem\n";
    private static final String USERS = """
            basic_auth_users:
              alice: $2y$12$1DpfPeqF9HzHJt.EWswy1exHluGfbhnn3yXhR7Xes6m3WJqFg0Wby
              bob: $2y$18$4VeFDzXIoPHKnKTU3O3GH.N.vZu06CVqczYZ8WvfzrddFU6tGqjR.
              carol: $2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu
              dave: $2y$10$2UXri9cIDdgeKjBo4Rlpx.U3ZLDV8X1IxKmsfOvhcM5oXQt/mLmXq
            """;

    enum Outcome { ACCEPTED, REFUSED, REFUSED_HERE_ON_PURPOSE, ACCEPTED_HERE_ON_PURPOSE }

    /** {@code message} is what the refusal must contain. */
    record Case(String toolkitFile, Outcome outcome, String yaml, String message) {
        @Override
        public String toString() {
            return toolkitFile + " → " + outcome;
        }
    }

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeTheFilesTheConfigsName() throws Exception {
        TestPki.create(dir, "server").server("server");
        for (String clientCa : new String[] {"client_selfsigned", "client2_selfsigned"}) {
            Files.copy(TestPki.create(dir, clientCa).caCertificate(), dir.resolve(clientCa + ".pem"));
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("web_config_empty.yml", Outcome.ACCEPTED, "", ""),
                new Case("web_config_junk.yml", Outcome.REFUSED, "hWkNKCp3fvIx3jKnsaBI\nTuEjdwNS8A2vYdFbiKqr\nay3RiOtykgt4m6m3KOol\n",
                        "the top level must be a mapping of keys to values"),
                new Case("web_config_junk_key.yml", Outcome.REFUSED, "tls_server_config:\n  cert_filse: \"server.crt\"\n",
                        "tls_server_config: unknown key \"cert_filse\"; known: cert_file"),
                new Case("web_config_noAuth_certPath_empty.bad.yml", Outcome.REFUSED,
                        "tls_server_config:\n  cert_file: \"\"\n  key_file: server.key\n", "tls_server_config.cert_file is missing"),
                new Case("web_config_noAuth_cert_empty.bad.yml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        "tls_server_config:\n  cert: \"\"\n  key_file: server.key\n",
                        "tls_server_config.cert is not supported by this exporter (use cert_file, key_file and client_ca_file)"),
                new Case("web_config_noAuth_keyPath_empty.bad.yml", Outcome.REFUSED,
                        "tls_server_config:\n  cert_file: server.crt\n  key_file: \"\"\n", "tls_server_config.key_file is missing"),
                new Case("web_config_noAuth_key_empty.bad.yml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        "tls_server_config:\n  cert_file: server.crt\n  key: \"\"\n", "tls_server_config.key is not supported by this exporter"),
                new Case("web_config_noAuth_certPath_keyPath_empty.bad.yml", Outcome.REFUSED,
                        "tls_server_config:\n  cert_file: \"\"\n  key_file: \"\"\n  client_auth_type: x\n",
                        "tls_server_config.cert_file is missing"),
                new Case("web_config_noAuth_certPath_invalid.bad.yml", Outcome.REFUSED,
                        "tls_server_config:\n  cert_file: somefile\n  key_file: server.key\n",
                        "tls_server_config.cert_file: " + dir.resolve("somefile") + " does not exist"),
                new Case("web_config_noAuth_keyPath_invalid.bad.yml", Outcome.REFUSED,
                        "tls_server_config:\n  cert_file: server.cert\n  key_file: somefile\n",
                        "tls_server_config.cert_file: " + dir.resolve("server.cert") + " does not exist"),
                new Case("web_config_noAuth_certPath_keyPath_invalid.bad.yml", Outcome.REFUSED,
                        "tls_server_config:\n  cert_file: somefile\n  key_file: somefile\n", "somefile does not exist"),
                new Case("web_config_noAuth.bad.yml", Outcome.REFUSED, TLS + "  client_ca_file: /dev/null\n",
                        "tls_server_config.client_ca_file is set but client_auth_type is NoClientCert"),
                new Case("web_config_auth_clientCAs_invalid.bad.yml", Outcome.REFUSED, TLS + "  client_ca_file: somefile\n",
                        "tls_server_config.client_ca_file is set but client_auth_type is NoClientCert"),
                new Case("web_config_auth_clientCAs_missing.bad.yml", Outcome.REFUSED,
                        TLS + "  client_auth_type: RequireAndVerifyClientCert\n",
                        "client_auth_type RequireAndVerifyClientCert needs client_ca_file"),
                new Case("web_config_auth_user_list_invalid.bad.yml", Outcome.REFUSED, TLS + "basic_auth_users:\n  john: doe\n",
                        "basic_auth_users.john: not a bcrypt hash (make one with: htpasswd -nBC 10 john)"),
                new Case("web_config_noAuth_inventedCiphers.bad.yml", Outcome.REFUSED,
                        VERIFY_IF_GIVEN + "  cipher_suites:\n  - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA2048\n",
                        "tls_server_config.cipher_suites: unknown cipher \"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA2048\""),
                new Case("web_config_noAuth_inventedCurves.bad.yml", Outcome.REFUSED,
                        VERIFY_IF_GIVEN + "  curve_preferences:\n    - CurveP257\n",
                        "tls_server_config.curve_preferences: unknown curve \"CurveP257\""),
                new Case("web_config_noAuth_wrongTLSVersion.bad.yml", Outcome.REFUSED, VERIFY_IF_GIVEN + "  min_version: TLS111\n",
                        "tls_server_config.min_version: \"TLS111\" is not one of TLS10, TLS11, TLS12, TLS13"),
                new Case("web_config_noAuth.good.yml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        TLS + "  client_auth_type: VerifyClientCertIfGiven\n",
                        "client_auth_type VerifyClientCertIfGiven needs client_ca_file"),
                new Case("web_config_noAuth.good.yml, with client_ca_file", Outcome.ACCEPTED, VERIFY_IF_GIVEN, ""),
                new Case("web_config_noAuth.good.blocking.yml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        TLS + "  client_auth_type: RequireAndVerifyClientCert\n",
                        "client_auth_type RequireAndVerifyClientCert needs client_ca_file"),
                new Case("web_config_noAuth_allCiphers.good.yml", Outcome.ACCEPTED, VERIFY_IF_GIVEN + """
                          cipher_suites:
                          - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                          - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                          - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                          - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
                          - TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                          - TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                          - TLS_AES_128_GCM_SHA256
                          - TLS_AES_256_GCM_SHA384
                          - TLS_CHACHA20_POLY1305_SHA256
                          - TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
                          - TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
                          - TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
                          - TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
                        """, ""),
                new Case("web_config_noAuth_allCurves.good.yml", Outcome.ACCEPTED,
                        VERIFY_IF_GIVEN + "  curve_preferences: [CurveP256, CurveP384, CurveP521, X25519]\n", ""),
                new Case("web_config_noAuth_noHTTP2.good.yml", Outcome.ACCEPTED, VERIFY_IF_GIVEN
                        + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n  max_version: TLS12\nhttp_server_config:\n  http2: false\n", ""),
                new Case("web_config_noAuth_noHTTP2Cipher.bad.yml", Outcome.ACCEPTED_HERE_ON_PURPOSE, VERIFY_IF_GIVEN
                        + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n  max_version: TLS12\n", ""),
                new Case("web_config_noAuth_someCiphers.good.yml", Outcome.ACCEPTED, VERIFY_IF_GIVEN
                        + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n"
                        + "  min_version: TLS12\n  max_version: TLS12\n", ""),
                new Case("web_config_noAuth_someCiphers_noOrder.good.yml", Outcome.ACCEPTED, VERIFY_IF_GIVEN
                        + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n"
                        + "  prefer_server_cipher_suites: false\n  min_version: TLS12\n  max_version: TLS12\n", ""),
                new Case("web_config_noAuth_someCurves.good.yml", Outcome.ACCEPTED,
                        VERIFY_IF_GIVEN + "  min_version: TLS13\n  curve_preferences:\n  - CurveP521\n", ""),
                new Case("web_config_noAuth_tlsInline.good.yml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        "tls_server_config:\n  cert: |\n    -----BEGIN CERTIFICATE-----\n  key: |\n    -----BEGIN PRIVATE KEY-----\n",
                        "tls_server_config.cert is not supported by this exporter"),
                new Case("web_config_headers.good.yml", Outcome.ACCEPTED, """
                        http_server_config:
                          headers:
                            X-Frame-Options: deny
                            Strict-Transport-Security: max-age=31536000; includeSubDomains
                            X-Content-Type-Options: nosniff
                            X-XSS-Protection: 1
                            Content-Security-Policy: "default-src 'self' *.test.example.net"
                        """, ""),
                new Case("web_config_headers_content_type_options.bad.yml", Outcome.REFUSED,
                        "http_server_config:\n  headers:\n    X-Content-Type-Options: sniff\n",
                        "http_server_config.headers.X-Content-Type-Options: \"sniff\" is not one of nosniff"),
                new Case("web_config_headers_extra_header.bad.yml", Outcome.REFUSED,
                        "http_server_config:\n  headers:\n    Content-Type: foo\n",
                        "http_server_config.headers: \"Content-Type\" cannot be configured"),
                new Case("web_config_headers_frame_options.bad.yml", Outcome.REFUSED,
                        "http_server_config:\n  headers:\n    X-Frame-Options: foo\n",
                        "http_server_config.headers.X-Frame-Options: \"foo\" is not one of deny, sameorigin"),
                new Case("web_config_users.good.yml", Outcome.ACCEPTED, TLS + USERS, ""),
                new Case("web_config_users_noTLS.good.yml", Outcome.ACCEPTED, USERS, ""),
                new Case("tls_config_noAuth.requireandverifyclientcert.good.yml", Outcome.ACCEPTED,
                        TLS + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: client_selfsigned.pem\n", ""),
                new Case("tls_config_noAuth.requireanyclientcert.good.yml", Outcome.ACCEPTED,
                        TLS + "  client_auth_type: RequireAnyClientCert\n", ""),
                new Case("tls_config_noAuth.requireanyclientcertkeyinline.good.yml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        "tls_server_config:\n  cert_file: server.crt\n  key: |\n    -----BEGIN PRIVATE KEY-----\n"
                                + "  client_auth_type: RequireAnyClientCert\n",
                        "tls_server_config.key is not supported by this exporter"),
                new Case("web_config_auth_client_san.good.yaml", Outcome.REFUSED_HERE_ON_PURPOSE, TLS
                        + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: client2_selfsigned.pem\n"
                        + "  client_allowed_sans: [one, test3, two]\n",
                        "tls_server_config.client_allowed_sans is not supported by this exporter"),
                new Case("web_config_auth_client_san.bad.yaml", Outcome.REFUSED, TLS
                        + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: client2_selfsigned.pem\n"
                        + "  client_allowed_sans: [bad]\n",
                        "tls_server_config.client_allowed_sans is not supported by this exporter"),
                new Case("web_config_rate_limiter_nonblocking.yaml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        "rate_limit:\n  interval: 0\n  burst: 0\n", "rate_limit is not supported by this exporter"),
                new Case("web_config_rate_limiter_one_second.yaml", Outcome.REFUSED_HERE_ON_PURPOSE,
                        "rate_limit:\n  interval: \"1s\"\n  burst: 0\n", "rate_limit is not supported by this exporter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachToolkitCaseIsAcceptedOrRefusedWithItsReason(Case example) throws Exception {
        Path file = Files.writeString(dir.resolve("web.yml"), example.yaml());
        switch (example.outcome()) {
            case ACCEPTED, ACCEPTED_HERE_ON_PURPOSE -> WebSecurity.load(file).close();
            case REFUSED, REFUSED_HERE_ON_PURPOSE -> assertThatThrownBy(() -> WebSecurity.load(file))
                    .isInstanceOf(WebConfigException.class).hasMessageContaining(example.message());
        }
    }

    /** The toolkit's "path to config yml invalid" case. */
    @Test
    void aConfigFileThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> WebSecurity.load(dir.resolve("nowhere.yml"))).isInstanceOf(WebConfigException.class)
                .hasMessage(dir.resolve("nowhere.yml") + " does not exist");
    }
}
