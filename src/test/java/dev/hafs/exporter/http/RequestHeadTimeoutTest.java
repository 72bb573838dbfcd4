package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection without a complete request head is closed the head timeout after its accept or after
 * its last answer, whatever it does meanwhile: nothing, trickling a head byte by byte, or a TLS
 * handshake that never ends. Run with a 1 s timeout; one test checks the production 10 s.
 */
class RequestHeadTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final ConnectionGuard.Limits LIMITS = new ConnectionGuard.Limits(TIMEOUT, 128);

    @TempDir
    Path dir;

    private static Duration untilClosed(Socket socket, Instant since) throws IOException {
        assertThat(RawHttp.closedByServer(socket)).as("closed by the server").isTrue();
        return Duration.between(since, Instant.now());
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheTimeout() throws IOException {
        try (ServerUnderTest server = ServerUnderTest.start(LIMITS); Socket idle = RawHttp.connect(server.port())) {
            Instant accepted = Instant.now();

            assertThat(untilClosed(idle, accepted)).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void theTimeoutStartsAgainAfterEachAnswer() throws IOException {
        try (ServerUnderTest server = ServerUnderTest.start(LIMITS); Socket socket = RawHttp.connect(server.port())) {
            Instant accepted = Instant.now();
            Duration wait = TIMEOUT.multipliedBy(7).dividedBy(10);
            await().pollDelay(wait).atMost(wait.plusSeconds(1)).until(() -> true);
            RawHttp.send(socket, "GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.read(socket.getInputStream(), false).status()).isEqualTo(200);
            Instant answered = Instant.now();

            assertThat(untilClosed(socket, answered)).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plus(SLACK));
            assertThat(Duration.between(accepted, Instant.now())).isGreaterThan(TIMEOUT.plus(wait).minusMillis(50));
        }
    }

    @Test
    void aClientSendingItsHeadByteByByteIsClosedOnTime() throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(LIMITS); Socket slow = RawHttp.connect(server.port())) {
            Instant accepted = Instant.now();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    RawHttp.send(slow, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ");
                    while (!Thread.currentThread().isInterrupted()) {
                        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
                        RawHttp.send(slow, "a");
                    }
                } catch (IOException | RuntimeException e) {
                    // The server closed it: the point of the test.
                }
            });

            assertThat(untilClosed(slow, accepted)).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
            trickle.interrupt();
        }
    }

    @Test
    void aTlsHandshakeThatNeverEndsIsClosedOnTime() throws IOException {
        TlsListener tls = TlsListener.create(dir);
        try (ServerUnderTest server = ServerUnderTest.start(LIMITS, Optional.of(tls.webConfig()), "127.0.0.1:0");
                Socket stalled = RawHttp.connect(server.port())) {
            Instant accepted = Instant.now();
            stalled.getOutputStream().write(TlsListener.truncatedClientHello());

            assertThat(untilClosed(stalled, accepted)).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
        }
    }

    @Test
    @Tag("slow")
    void inProductionTheTimeoutIsTenSeconds() throws IOException {
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT);
                Socket idle = RawHttp.connect(server.port())) {
            Instant accepted = Instant.now();

            assertThat(untilClosed(idle, accepted)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(10).plus(SLACK));
        }
    }
}
