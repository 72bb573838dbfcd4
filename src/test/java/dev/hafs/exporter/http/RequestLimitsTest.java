package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP surface's limits, probed with raw requests as a hostile client would send them: every refusal
 * is a short plain status text with the configured headers, never an exception message or a path.
 */
@Tag("slow")
class RequestLimitsTest {
    @TempDir
    Path dir;

    /** Short, so that waiting it out stays quick; the production value is proven in {@link RequestHeadTimeoutTest}. */
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(1);

    private ServerUnderTest exporter;

    @BeforeEach
    void start() throws IOException {
        Path webConfig = Files.writeString(dir.resolve("web.yml"), """
                http_server_config:
                  headers:
                    X-Content-Type-Options: nosniff
                """);
        exporter = ServerUnderTest.start(new ConnectionGuard.Limits(HEAD_TIMEOUT, 128), Optional.of(webConfig), "127.0.0.1:0");
    }

    @AfterEach
    void stop() {
        exporter.close();
    }

    /**
     * Sends the bytes and reads one response: its head, then as many body bytes as Content-Length says
     * (the server may keep the socket open after it). Empty if the server
     * closed without answering.
     */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), exporter.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int next;
            while (!head.toString().endsWith("\r\n\r\n") && (next = in.read()) >= 0) {
                head.append((char) next);
            }
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return head + new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertPlainRefusal(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response).containsIgnoringCase("X-Content-Type-Options: nosniff");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(body).startsWith(status + " ").endsWith("\n").hasLineCount(1)
                .doesNotContain("Exception", "at ", "/", "\\");
    }

    @Test
    void aTooLongRequestLineIs414() throws IOException {
        String response = exchange("GET /metrics?" + "a".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertPlainRefusal(response, 414);
    }

    @Test
    void tooManyHeaderBytesAre400() throws IOException {
        String response = exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(9000) + "\r\n\r\n");

        assertPlainRefusal(response, 400);
    }

    @Test
    void aMalformedRequestIs400() throws IOException {
        assertPlainRefusal(exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nA header without colon\r\n\r\n"), 400);
        assertPlainRefusal(exchange("NONSENSE\r\n\r\n"), 400);
        assertPlainRefusal(exchange("GET /metrics HTTP/2.0\r\n\r\n"), 400);
    }

    @Test
    void onlyGetAndHeadAreServed() throws IOException {
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "TRACE"}) {
            String response = exchange(method + " /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(response).as(method).startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD")
                    .containsIgnoringCase("X-Content-Type-Options: nosniff");
        }
        assertThat(exchange("HEAD /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aClientThatSendsItsHeadersTooSlowlyIsDisconnected() throws IOException {
        Instant start = Instant.now();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), exporter.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();

            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        }
        assertThat(Duration.between(start, Instant.now())).isBetween(HEAD_TIMEOUT, HEAD_TIMEOUT.plusSeconds(5));
    }
}
