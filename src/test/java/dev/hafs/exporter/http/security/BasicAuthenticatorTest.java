package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Basic auth against htpasswd's hashes: the header forms, the cache, and bcrypt's 72-byte cut. */
class BasicAuthenticatorTest {
    private static Optional<String> basic(String userAndPassword) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void checksHtpasswdHashesAndTheHeaderAsRfc7617Writes() {
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("prometheus", WebConfigParserTest.HTPASSWD_HASH));

        assertThat(auth.authenticates(basic("prometheus:scrape-secret"))).isTrue();
        assertThat(auth.authenticates(Optional.of("basic " + basic("prometheus:scrape-secret").orElseThrow().substring(6))))
                .as("scheme in any case").isTrue();
        assertThat(auth.authenticates(basic("prometheus:scrape-secre"))).isFalse();
        assertThat(auth.authenticates(basic("Prometheus:scrape-secret"))).as("user names are exact").isFalse();
        assertThat(auth.authenticates(basic("prometheus"))).as("no colon").isFalse();
        assertThat(auth.authenticates(Optional.of("Basic not*base64"))).isFalse();
        assertThat(auth.authenticates(Optional.of("Bearer abc"))).isFalse();
        assertThat(auth.authenticates(Optional.empty())).isFalse();
    }

    @Test
    void passwordsAreCutAt72BytesAsHtpasswdCutThem() {
        // htpasswd -nbBC 4 long "$(printf 'a%.0s' $(seq 1 72))"
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("long",
                "$2y$04$//REs4K2YsW7u1pGTTMqZOeh/SCelTCQQIYtGJS2n2LHXgZhLa3.a"));

        assertThat(auth.authenticates(basic("long:" + "a".repeat(72)))).isTrue();
        assertThat(auth.authenticates(basic("long:" + "a".repeat(71)))).isFalse();
    }

    @Test
    void aPasswordThatPassedBcryptOnceIsNotHashedAgain() {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(12, "slow-secret".toCharArray());
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("prometheus", hash));

        long first = System.nanoTime();
        assertThat(auth.authenticates(basic("prometheus:slow-secret"))).isTrue();
        Duration bcrypt = Duration.ofNanos(System.nanoTime() - first);
        long cached = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(auth.authenticates(basic("prometheus:slow-secret"))).isTrue();
        }
        Duration twentyCached = Duration.ofNanos(System.nanoTime() - cached);

        assertThat(twentyCached).as("20 cached checks vs one bcrypt of %s", bcrypt).isLessThan(bcrypt.dividedBy(2));
        assertThat(auth.authenticates(basic("prometheus:slow-secreT"))).as("still checked when wrong").isFalse();
        assertThat(auth.authenticates(basic("prometheus:slow-secret"))).isTrue();
    }

    @Test
    void withoutUsersNothingIsChecked() {
        assertThat(new BasicAuthenticator(Map.of()).enabled()).isFalse();
    }
}
