package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The toolkit's format read strictly: what each key becomes, and the exact message for each mistake. */
class WebConfigParserTest {
    /** Made with {@code htpasswd -nbBC 10 prometheus scrape-secret}. */
    static final String HTPASSWD_HASH = "$2y$10$/NpPkJitlLCJ6AXx8IJqo.47Ntkxr7YeWrNd0JuSb7c1gne8LvOhK";
    private static final Path DIR = Path.of("/etc/hafs");

    private static WebConfig parse(String yaml) throws WebConfigException {
        return WebConfigParser.parse(yaml.getBytes(StandardCharsets.UTF_8), DIR);
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(WebConfigException.class).hasMessage(message);
    }

    @Test
    void everySupportedKeyIsRead() throws WebConfigException {
        WebConfig config = parse("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: /secrets/server.key
                  client_ca_file: clients/ca.crt
                  client_auth_type: RequireAndVerifyClientCert
                  min_version: TLS13
                  max_version: TLS13
                  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
                  curve_preferences: [X25519, CurveP256]
                  prefer_server_cipher_suites: false
                http_server_config:
                  http2: false
                  headers:
                    X-Frame-Options: deny
                    Strict-Transport-Security: max-age=31536000
                basic_auth_users:
                  prometheus: %s
                """.formatted(HTPASSWD_HASH));

        assertThat(config.tls()).contains(new TlsServerConfig(DIR.resolve("server.crt"), Path.of("/secrets/server.key"),
                Optional.of(DIR.resolve("clients/ca.crt")), ClientAuthType.REQUIRE_AND_VERIFY_CLIENT_CERT,
                List.of("TLSv1.3"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                List.of("x25519", "secp256r1"), false));
        assertThat(config.basicAuthUsers()).isEqualTo(Map.of("prometheus", HTPASSWD_HASH));
        assertThat(config.headers()).isEqualTo(Map.of("X-Frame-Options", "deny",
                "Strict-Transport-Security", "max-age=31536000"));
    }

    @Test
    void defaultsAreTheToolkits() throws WebConfigException {
        TlsServerConfig tls = parse("tls_server_config: {cert_file: a.crt, key_file: a.key}").tls().orElseThrow();

        assertThat(tls.clientAuth()).isEqualTo(ClientAuthType.NO_CLIENT_CERT);
        assertThat(tls.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(tls.preferServerCipherSuites()).isTrue();
        assertThat(tls.cipherSuites()).isEmpty();
    }

    @Test
    void anEmptyFileOrEmptySectionsMeanNothingConfigured() throws WebConfigException {
        assertThat(parse("")).isEqualTo(WebConfig.NONE);
        assertThat(parse("# nothing yet\n")).isEqualTo(WebConfig.NONE);
        assertThat(parse("tls_server_config:\nbasic_auth_users: {}\nhttp_server_config:\n")).isEqualTo(WebConfig.NONE);
    }

    @Test
    void unknownKeysAreNamed() {
        assertRejected("tls_server_confg: {}",
                "unknown key \"tls_server_confg\"; known: basic_auth_users, http_server_config, tls_server_config");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, cert_fil: c}",
                "tls_server_config: unknown key \"cert_fil\"; known: cert_file, cipher_suites, client_auth_type,"
                        + " client_ca_file, curve_preferences, key_file, max_version, min_version, prefer_server_cipher_suites");
        assertRejected("http_server_config: {header: {}}",
                "http_server_config: unknown key \"header\"; known: headers, http2");
    }

    @Test
    void toolkitKeysThisExporterLacksAreNamedAsUnsupported() {
        assertRejected("rate_limit: {interval: 1s}", "rate_limit is not supported by this exporter");
        assertRejected("tls_server_config: {cert: abc}",
                "tls_server_config.cert is not supported by this exporter (use cert_file, key_file and client_ca_file)");
    }

    @Test
    void aPasswordThatIsNotABcryptHashIsRefusedWithoutRepeatingIt() {
        assertRejected("basic_auth_users: {alice: secret-in-clear}",
                "basic_auth_users.alice: not a bcrypt hash (make one with: htpasswd -nBC 10 alice)");
        assertRejected("basic_auth_users: {alice: " + HTPASSWD_HASH.substring(0, 40) + "}",
                "basic_auth_users.alice: not a bcrypt hash (make one with: htpasswd -nBC 10 alice)");
        assertRejected("basic_auth_users: {alice: 42}", "basic_auth_users.alice: not a bcrypt hash (make one with: htpasswd -nBC 10 alice)");
        assertRejected("basic_auth_users: {alice: [a]}", "basic_auth_users.alice must be a string");
    }

    @Test
    void everyBcryptFlavourIsAccepted() throws WebConfigException {
        String body = HTPASSWD_HASH.substring(3);
        for (String prefix : List.of("$2y", "$2a", "$2b")) {
            assertThat(parse("basic_auth_users: {u: '" + prefix + body + "'}").basicAuthUsers()).containsKey("u");
        }
    }

    @Test
    void tlsMistakesAreNamed() {
        assertRejected("tls_server_config: {key_file: a.key}", "tls_server_config.cert_file is missing");
        assertRejected("tls_server_config: {cert_file: a.crt}", "tls_server_config.key_file is missing");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, client_auth_type: Always}",
                "tls_server_config.client_auth_type: \"Always\" is not one of NoClientCert, RequestClientCert,"
                        + " RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, client_auth_type: RequireAndVerifyClientCert}",
                "tls_server_config.client_auth_type RequireAndVerifyClientCert needs client_ca_file,"
                        + " the CA certificates that client certificates must chain to");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, client_ca_file: ca}",
                "tls_server_config.client_ca_file is set but client_auth_type is NoClientCert;"
                        + " set client_auth_type to RequireAndVerifyClientCert (or VerifyClientCertIfGiven)");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, min_version: TLS14}",
                "tls_server_config.min_version: \"TLS14\" is not one of TLS10, TLS11, TLS12, TLS13");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, min_version: TLS13, max_version: TLS12}",
                "tls_server_config.min_version TLS13 is above max_version TLS12");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, curve_preferences: [P256]}",
                "tls_server_config.curve_preferences: unknown curve \"P256\", known: CurveP256, CurveP384, CurveP521, X25519");
        assertRejected("tls_server_config: {cert_file: [a], key_file: b}", "tls_server_config.cert_file must be a string");
        assertRejected("tls_server_config: {cert_file: a, key_file: b, prefer_server_cipher_suites: sometimes}",
                "tls_server_config.prefer_server_cipher_suites must be true or false");
    }

    @Test
    void onlyTheToolkitsSecurityHeadersCanBeSet() {
        assertRejected("http_server_config: {headers: {Server: hidden}}",
                "http_server_config.headers: \"Server\" cannot be configured; allowed: Content-Security-Policy,"
                        + " Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection");
        assertRejected("http_server_config: {headers: {X-Frame-Options: allow}}",
                "http_server_config.headers.X-Frame-Options: \"allow\" is not one of deny, sameorigin");
        assertRejected("http_server_config: {headers: {Content-Security-Policy: \"a\\nb\"}}",
                "http_server_config.headers.Content-Security-Policy contains a control character");
    }

    @Test
    void brokenYamlAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> parse("basic_auth_users: {alice: [unclosed\n"))
                .isInstanceOf(WebConfigException.class).hasMessageStartingWith("not valid YAML at line ");
        assertThatThrownBy(() -> parse("basic_auth_users:\n  alice: " + HTPASSWD_HASH + "\n  alice: " + HTPASSWD_HASH + "\n"))
                .isInstanceOf(WebConfigException.class).hasMessageContaining("Duplicate field 'alice'");
        assertRejected("- just\n- a list\n", "the top level must be a mapping of keys to values");
    }
}
