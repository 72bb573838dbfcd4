package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 keep-alive connections sending wrong passwords far faster than bcrypt can check them, and a scraper
 * with the right one, not yet checked since the start: it is answered within 2 s (about 1 s here), where
 * one-at-a-time bcrypt used to keep it waiting behind the whole flood (7.65 s measured before).
 */
@Tag("slow")
class PasswordFloodTest {
    /** Made with {@code htpasswd -nbBC 10 prometheus scrape-secret}. */
    private static final String HASH = "$2y$10$/NpPkJitlLCJ6AXx8IJqo.47Ntkxr7YeWrNd0JuSb7c1gne8LvOhK";

    /** Each connection tries a password every 50 ms: 2,000 tries a second, 140 times what bcrypt at cost 10 can check. */
    private static final Duration PACE = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the flood, scrapes with the right password, stops the flood; the scrape's status and time. */
    private HttpResponse<String> scrapeDuring(IntFunction<String> wrongPassword, List<Duration> took) throws Exception {
        Path webConfig = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  prometheus: " + HASH + "\n");
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.of(webConfig), "127.0.0.1:0")) {
            HttpClient scraper = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
            // Warm: the client's classes, and bcrypt's, are loaded before anything is timed.
            assertThat(scraper.send(HttpRequest.newBuilder(metrics).header("Authorization", basic("warm:up")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int client = i;
                flood.add(Thread.ofVirtual().start(() -> {
                    try (Socket socket = RawHttp.connect(server.port())) {
                        for (int n = 0; flooding.get(); n++) {
                            RawHttp.send(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                    + basic("prometheus:" + wrongPassword.apply(client * 100_000 + n)) + "\r\n\r\n");
                            RawHttp.read(socket.getInputStream(), false);
                            answered.incrementAndGet();
                            // Pacing, so that the flood asks for bcrypt, not for every cycle of the machine's 2 cores.
                            LockSupport.parkNanos(PACE.toNanos());
                        }
                    } catch (IOException e) {
                        // The flood ends with the test.
                    }
                }));
            }
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 100);
                long start = System.nanoTime();
                HttpResponse<String> response = scraper.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(20))
                        .header("Authorization", basic("prometheus:scrape-secret")).build(), HttpResponse.BodyHandlers.ofString());
                took.add(Duration.ofNanos(System.nanoTime() - start));
                return response;
            } finally {
                flooding.set(false);
                for (Thread thread : flood) {
                    thread.join();
                }
            }
        }
    }

    @Test
    void theSameWrongPasswordOverAndOverDoesNotDelayTheRightOne() throws Exception {
        List<Duration> took = new ArrayList<>();

        HttpResponse<String> scrape = scrapeDuring(attempt -> "wrong", took);

        System.out.println("right password during a flood of one wrong password: " + took.getFirst().toMillis() + " ms");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(took.getFirst()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void newWrongPasswordsDelayTheRightOneByAFewChecksAtMost() throws Exception {
        List<Duration> took = new ArrayList<>();

        HttpResponse<String> scrape = scrapeDuring(attempt -> "guess-" + attempt, took);

        System.out.println("right password during a flood of new wrong passwords: " + took.getFirst().toMillis()
                + " ms, status " + scrape.statusCode());
        // 503 (try again) when the bcrypt queue is full: never a 401 that blames the right password.
        assertThat(scrape.statusCode()).isIn(200, 503);
        assertThat(took.getFirst()).isLessThan(Duration.ofSeconds(2));
    }
}
