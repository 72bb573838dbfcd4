package dev.hafs.exporter.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hafs.exporter.Main;
import dev.hafs.exporter.testing.ExporterClient;
import dev.hafs.exporter.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the running command while scrapes are in flight: every response that started is
 * finished (a 200 with a body of its Content-Length), and the process exits by itself. A scrape
 * that never got a byte (refused, or accepted by the kernel after the server stopped) did not
 * start and is not counted against it.
 */
@Tag("slow")
class GracefulShutdownTest {
    @Test
    void sigtermFinishesInFlightScrapesAndExits() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process exporter = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--training.dir=" + Fixtures.directory("basic").toAbsolutePath(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ExporterClient client = new ExporterClient(port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.get("/-/ready").statusCode() == 200);

            Queue<String> broken = new ConcurrentLinkedQueue<>();
            AtomicLong complete = new AtomicLong();
            ExecutorService scrapers = Executors.newFixedThreadPool(16);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                running.add(scrapers.submit(() -> {
                    while (true) {
                        Outcome outcome = scrape(port);
                        if (outcome == Outcome.NOT_STARTED) {
                            return;
                        }
                        if (outcome == Outcome.COMPLETE) {
                            complete.incrementAndGet();
                        } else {
                            broken.add("a response was cut off");
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> complete.get() > 100);

            exporter.destroy();

            assertThat(exporter.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            for (Future<?> scraper : running) {
                scraper.get(30, TimeUnit.SECONDS);
            }
            scrapers.shutdown();
            assertThat(broken).isEmpty();
        } finally {
            exporter.destroyForcibly();
        }
    }

    private enum Outcome { COMPLETE, CUT_OFF, NOT_STARTED }

    private static Outcome scrape(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(socket.getInputStream());
        } catch (ConnectException refused) {
            return Outcome.NOT_STARTED;
        } catch (IOException e) {
            return Outcome.CUT_OFF;
        }
    }

    /** Reads one response by its Content-Length: complete, cut off, or never begun. */
    private static Outcome readResponse(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int expectedTotal = -1;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int headersEnd = text.indexOf("\r\n\r\n");
                if (expectedTotal < 0 && headersEnd >= 0) {
                    if (!text.startsWith("HTTP/1.1 200")) {
                        return Outcome.CUT_OFF;
                    }
                    String headers = text.substring(0, headersEnd).toLowerCase(java.util.Locale.ROOT);
                    int at = headers.indexOf("content-length:");
                    int lineEnd = headers.indexOf("\r\n", at);
                    String length = headers.substring(at + "content-length:".length(), lineEnd < 0 ? headers.length() : lineEnd);
                    expectedTotal = headersEnd + 4 + Integer.parseInt(length.trim());
                }
                if (expectedTotal >= 0 && received.size() >= expectedTotal) {
                    return Outcome.COMPLETE;
                }
            }
        } catch (IOException e) {
            // Judged by what arrived before the error.
        }
        return received.size() == 0 ? Outcome.NOT_STARTED : Outcome.CUT_OFF;
    }
}
