package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HEAD and HTTP/1.0 as clients really use them: a HEAD answer has the GET's headers and no body, so
 * a keep-alive client's next answer starts where it should; an HTTP/1.0 request gets a full answer
 * and the connection ends after it.
 */
class HttpCorrectnessTest {
    private static ServerUnderTest server;

    @BeforeAll
    static void start() {
        server = ServerUnderTest.start(ConnectionGuard.Limits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headAnswersHaveTheGetHeadersAndNoBodySoTheConnectionStaysUsable() throws IOException {
        try (Socket socket = RawHttp.connect(server.port())) {
            InputStream in = socket.getInputStream();
            for (String path : List.of("/metrics", "/", "/-/healthy", "/-/ready", "/nowhere")) {
                RawHttp.send(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Response get = RawHttp.read(in, false);
                RawHttp.send(socket, "HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Response head = RawHttp.read(in, true);

                assertThat(head.statusLine()).as(path).isEqualTo(get.statusLine());
                assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
                assertThat(get.body()).as(path).isNotEmpty();
                assertThat(Math.abs(Integer.parseInt(head.header("Content-Length")) - get.body().length))
                        .as("%s: the length a GET would have (the JVM's series may change by a few bytes)", path)
                        .isLessThan(64);
            }
            // Nothing of a HEAD's body is left on the wire: the next answer starts right after its head.
            RawHttp.send(socket, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\nGET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.read(in, true);
            RawHttp.Response next = RawHttp.read(in, false);
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(next.text()).isEqualTo("Healthy.\n");
        }
    }

    @Test
    void connectionCloseEndsTheConnectionAfterTheAnswer() throws IOException {
        try (Socket socket = RawHttp.connect(server.port())) {
            RawHttp.send(socket, "GET /-/healthy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.read(socket.getInputStream(), false).header("Connection")).isEqualTo("close");
            assertThat(RawHttp.closedByServer(socket, Duration.ofSeconds(2))).as("closed, as announced").isTrue();
        }
    }

    @Test
    void theJdkClientReusesItsConnectionAfterAHead() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> head = client.send(request("HEAD", "/metrics"), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            HttpResponse<String> get = client.send(request("GET", "/-/healthy"), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("Healthy.\n");
        }
    }

    @Test
    void pythonsHttpClientReusesItsConnectionAfterAHead() {
        assumeThat(ExternalTool.runProcess(List.of("python3", "--version"), null).exitCode()).as("python3 on the PATH").isZero();
        String script = """
                import http.client, sys
                c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
                for path in ["/metrics", "/", "/-/healthy"]:
                    c.request("HEAD", path); r = c.getresponse(); r.read(); assert r.status == 200, r.status
                    c.request("GET", "/-/healthy"); r = c.getresponse(); body = r.read()
                    assert (r.status, body) == (200, b"Healthy.\\n"), (r.status, body)
                print("ok")
                """;

        ExternalTool.Result result = ExternalTool.runProcess(List.of("python3", "-c", script, Integer.toString(server.port())), null);

        assertThat(result.output()).isEqualTo("ok\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anHttp10RequestIsAnsweredAndTheConnectionEnds() throws IOException {
        for (String request : List.of("GET /-/healthy HTTP/1.0\r\n\r\n",
                "GET /-/healthy HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nUser-Agent: ApacheBench/2.3\r\n\r\n")) {
            try (Socket socket = RawHttp.connect(server.port())) {
                RawHttp.send(socket, request);
                RawHttp.Response response = RawHttp.read(socket.getInputStream(), false);

                assertThat(response.statusLine()).as(request).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.header("Connection")).isEqualTo("close");
                assertThat(response.text()).isEqualTo("Healthy.\n");
                assertThat(RawHttp.closedByServer(socket, Duration.ofSeconds(2))).as("closed after the answer, as HTTP/1.0 expects").isTrue();
            }
        }
        try (Socket socket = RawHttp.connect(server.port())) {
            RawHttp.send(socket, "GET /metrics HTTP/1.0\r\n\r\n");
            RawHttp.Response metrics = RawHttp.read(socket.getInputStream(), false);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text()).contains("hafs_exporter_build_info");
        }
        try (Socket socket = RawHttp.connect(server.port())) {
            RawHttp.send(socket, "HEAD /metrics HTTP/1.0\r\n\r\n");
            assertThat(RawHttp.read(socket.getInputStream(), true).status()).isEqualTo(200);
            assertThat(RawHttp.closedByServer(socket, Duration.ofSeconds(2))).as("no body, then the end").isTrue();
        }
    }

    private static HttpRequest request(String method, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
    }
}
