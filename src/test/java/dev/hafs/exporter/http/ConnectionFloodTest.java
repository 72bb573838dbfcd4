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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 connections held open by one client (idle, sending their head a byte at a time, or stuck in a
 * TLS handshake) while a scraper comes: it gets its answer, with the production limits (128
 * connections, 10 s for a request head) and long before any held connection would time out. Before
 * the connection guard, 128 idle connections kept every scrape waiting for good.
 */
@Tag("slow")
class ConnectionFloodTest {
    private static final int HELD = 500;

    @TempDir
    Path dir;

    private interface Opener {
        void open(Socket socket) throws IOException;
    }

    private static List<Socket> hold(int port, Opener opener) throws IOException {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            Socket socket = RawHttp.connect(port);
            opener.open(socket);
            held.add(socket);
        }
        return held;
    }

    /** Scrapes and returns how long it took; the scrape must succeed well within the head timeout. */
    private static Duration scrape(HttpClient client, String scheme, int port) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("hafs_exporter_build_info");
        return took;
    }

    /** The median of a few scrapes, each on a new connection (a new client), so each one must get in. */
    private static Duration medianScrape(java.util.function.Supplier<HttpClient> clients, String scheme, int port)
            throws Exception {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(scrape(clients.get(), scheme, port));
        }
        return times.stream().sorted().toList().get(times.size() / 2);
    }

    private static void release(List<Socket> held) throws IOException {
        // The first ones held were the idlest when the scraper came: they made room for it.
        assertThat(RawHttp.closedByServer(held.getFirst())).as("the idlest connection was closed").isTrue();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void aScrapeGetsThroughWhile500IdleConnectionsAreHeld() throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT)) {
            medianScrape(HttpClient::newHttpClient, "http", server.port());
            Duration alone = medianScrape(HttpClient::newHttpClient, "http", server.port());
            List<Socket> held = hold(server.port(), socket -> { });
            Duration flooded = medianScrape(HttpClient::newHttpClient, "http", server.port());
            System.out.printf("median scrape on a new connection: %d ms alone, %d ms while %d idle connections are held%n",
                    alone.toMillis(), flooded.toMillis(), HELD);
            release(held);
        }
    }

    @Test
    void aScrapeGetsThroughWhile500ClientsSendTheirHeadsSlowly() throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT)) {
            List<Socket> held = hold(server.port(), socket -> RawHttp.send(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n"));
            Thread trickle = Thread.ofVirtual().uncaughtExceptionHandler((thread, interrupted) -> { }).start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                    for (Socket socket : held) {
                        try {
                            socket.getOutputStream().write("X-Slow: a\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        } catch (IOException e) {
                            // Closed by the server: it made room.
                        }
                    }
                }
            });
            try {
                scrape(HttpClient.newHttpClient(), "http", server.port());
            } finally {
                trickle.interrupt();
                trickle.join();
            }
            release(held);
        }
    }

    @Test
    void aScrapeOverTlsGetsThroughWhile500HandshakesAreIdleOrTruncated() throws Exception {
        TlsListener tls = TlsListener.create(dir);
        try (ServerUnderTest server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT, Optional.of(tls.webConfig()),
                "127.0.0.1:0")) {
            byte[] halfAHello = TlsListener.truncatedClientHello();
            List<Socket> idle = hold(server.port(), socket -> { });
            scrape(tls.client(), "https", server.port());
            release(idle);

            List<Socket> truncated = hold(server.port(), socket -> socket.getOutputStream().write(halfAHello));
            Duration took = scrape(tls.client(), "https", server.port());
            System.out.println("TLS scrape while " + HELD + " truncated ClientHellos are held: " + took.toMillis() + " ms");
            release(truncated);
        }
    }
}
