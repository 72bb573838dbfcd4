package dev.hafs.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hafs.exporter.http.security.WebSecurity.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Basic auth against htpasswd's hashes: the header forms, the cache, and bcrypt's 72-byte cut. */
class BasicAuthenticatorTest {
    private static boolean passes(BasicAuthenticator auth, Optional<String> authorization) {
        return auth.check(authorization) == Verdict.ACCEPTED;
    }

    private static Optional<String> basic(String userAndPassword) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void checksHtpasswdHashesAndTheHeaderAsRfc7617Writes() {
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("prometheus", WebConfigParserTest.HTPASSWD_HASH));

        assertThat(passes(auth, basic("prometheus:scrape-secret"))).isTrue();
        assertThat(passes(auth, Optional.of("basic " + basic("prometheus:scrape-secret").orElseThrow().substring(6))))
                .as("scheme in any case").isTrue();
        assertThat(passes(auth, basic("prometheus:scrape-secre"))).isFalse();
        assertThat(passes(auth, basic("Prometheus:scrape-secret"))).as("user names are exact").isFalse();
        assertThat(passes(auth, basic("prometheus"))).as("no colon").isFalse();
        assertThat(passes(auth, Optional.of("Basic not*base64"))).isFalse();
        assertThat(passes(auth, Optional.of("Bearer abc"))).isFalse();
        assertThat(passes(auth, Optional.empty())).isFalse();
    }

    @Test
    void passwordsAreCutAt72BytesAsHtpasswdCutThem() {
        // htpasswd -nbBC 4 long "$(printf 'a%.0s' $(seq 1 72))"
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("long",
                "$2y$04$//REs4K2YsW7u1pGTTMqZOeh/SCelTCQQIYtGJS2n2LHXgZhLa3.a"));

        assertThat(passes(auth, basic("long:" + "a".repeat(72)))).isTrue();
        assertThat(passes(auth, basic("long:" + "a".repeat(71)))).isFalse();
    }

    @Test
    void aPasswordThatPassedBcryptOnceIsNotHashedAgain() {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(12, "slow-secret".toCharArray());
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("prometheus", hash));

        long first = System.nanoTime();
        assertThat(passes(auth, basic("prometheus:slow-secret"))).isTrue();
        Duration bcrypt = Duration.ofNanos(System.nanoTime() - first);
        long cached = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(passes(auth, basic("prometheus:slow-secret"))).isTrue();
        }
        Duration twentyCached = Duration.ofNanos(System.nanoTime() - cached);

        assertThat(twentyCached).as("20 cached checks vs one bcrypt of %s", bcrypt).isLessThan(bcrypt.dividedBy(2));
        assertThat(passes(auth, basic("prometheus:slow-secreT"))).as("still checked when wrong").isFalse();
        assertThat(passes(auth, basic("prometheus:slow-secret"))).isTrue();
    }

    @Test
    void aWrongPasswordTriedAgainIsRefusedWithoutBcrypt() {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(12, "slow-secret".toCharArray());
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("prometheus", hash));

        for (String user : List.of("prometheus", "nobody")) {
            long first = System.nanoTime();
            assertThat(auth.check(basic(user + ":wrong"))).isEqualTo(Verdict.REFUSED);
            Duration bcrypt = Duration.ofNanos(System.nanoTime() - first);
            long again = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(auth.check(basic(user + ":wrong"))).isEqualTo(Verdict.REFUSED);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - again)).as("20 repeats vs one bcrypt of %s", bcrypt)
                    .isLessThan(bcrypt.dividedBy(2));
        }
        assertThat(passes(auth, basic("prometheus:slow-secret"))).isTrue();
    }

    @Test
    void aFloodOfNewWrongPasswordsHoldsARightOneUpForAFewChecksAtMost() throws Exception {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, "secret".toCharArray());
        BasicAuthenticator auth = new BasicAuthenticator(Map.of("prometheus", hash));
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger attempt = new AtomicInteger();
        List<Thread> flood = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flood.add(Thread.ofVirtual().start(() -> {
                while (flooding.get()) {
                    if (auth.check(basic("prometheus:guess-" + attempt.incrementAndGet())) == Verdict.BUSY) {
                        busy.incrementAndGet();
                    }
                }
            }));
        }
        try {
            await().until(() -> busy.get() > 0);
            long start = System.nanoTime();
            Verdict right = auth.check(basic("prometheus:secret"));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(right).as("answered, not refused").isIn(Verdict.ACCEPTED, Verdict.BUSY);
            // At most the checks queued ahead of it plus the longest wait for a turn; one at a time, 100 would take seconds.
            assertThat(waited).isLessThan(BasicAuthenticator.MAX_WAIT.plusSeconds(1));
        } finally {
            flooding.set(false);
            for (Thread thread : flood) {
                thread.join();
            }
        }
    }

    @Test
    void withoutUsersNothingIsChecked() {
        assertThat(new BasicAuthenticator(Map.of()).enabled()).isFalse();
    }
}
