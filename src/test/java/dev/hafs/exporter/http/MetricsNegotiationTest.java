package dev.hafs.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.HafsTrainingExporter;
import dev.hafs.exporter.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Content negotiation on /metrics over real HTTP, q-values included: which exposition format an
 * Accept header gets, and when the body comes gzip-compressed (once: it must inflate to the
 * exposition itself, never to another gzip stream).
 */
class MetricsNegotiationTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    private static final String PROMETHEUS_2_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String PROMETHEUS_PROTOBUF_ACCEPT = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static HafsTrainingExporter exporter;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        exporter = HafsTrainingExporter.start(ExporterConfig.fromArgs(
                "--training.dir=" + Fixtures.directory("basic"), "--web.listen-address=127.0.0.1:0"));
    }

    @AfterAll
    static void stop() {
        exporter.close();
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                   | text
            */*                                                                  | text
            text/plain                                                           | text
            application/openmetrics-text;q=0, text/plain                         | text
            'application/openmetrics-text; q=0.0, text/plain;version=0.0.4;q=0.1' | text
            'text/plain;q=0.4, application/openmetrics-text;q=0.5'               | openmetrics
            text/plain;q=0, */*                                                  | openmetrics
            text/*                                                               | text
            application/json                                                     | text
            'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text' | text
            'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0, application/openmetrics-text;q=0.1' | openmetrics
            ';;, q=, text/plain;q=abc, /'                                        | text
            """)
    void acceptPicksTheFormatWithItsQValues(String accept, String expected) throws Exception {
        HttpResponse<byte[]> response = get(accept.isEmpty() ? new String[0] : new String[] {"Accept", accept});

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(switch (expected) {
            case "openmetrics" -> OPENMETRICS;
            case "protobuf" -> PROTOBUF;
            default -> TEXT;
        });
    }

    @Test
    void prometheusGetsOpenMetricsOrProtobufAsItAsks() throws Exception {
        assertThat(get("Accept", PROMETHEUS_2_ACCEPT).headers().firstValue("Content-Type")).hasValue(OPENMETRICS);
        assertThat(get("Accept", PROMETHEUS_PROTOBUF_ACCEPT).headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    }

    @ParameterizedTest(name = "Accept-Encoding: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            gzip                            | gzip
            GZIP                            | gzip
            x-gzip                          | gzip
            'deflate, gzip;q=0.8, br'       | gzip
            *                               | gzip
            identity;q=0, gzip              | gzip
            'gzip;q=0.5, identity;q=0.4'    | gzip
            gzip;q=0                        | identity
            'gzip;q=0.5, identity'          | identity
            '*;q=0, identity'               | identity
            'deflate, br'                   | identity
            identity                        | identity
            """)
    void acceptEncodingPicksGzipOrIdentityWithItsQValues(String acceptEncoding, String expected) throws Exception {
        HttpResponse<byte[]> response = get("Accept-Encoding", acceptEncoding);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Accept-Encoding"));
        if (expected.equals("gzip")) {
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gunzip(response.body())).startsWith("# HELP hafs_").contains("hafs_source_up{file=\"quality_feedback.json\"} 1.0");
        } else {
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("# HELP hafs_");
        }
    }

    @Test
    void withoutAcceptEncodingTheBodyIsNotCompressed() throws Exception {
        HttpResponse<byte[]> response = get();

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Accept-Encoding"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("# HELP hafs_");
    }

    @Test
    void theGzipBodyIsTheSameExpositionInEveryFormat() throws Exception {
        for (String accept : new String[] {"text/plain", PROMETHEUS_2_ACCEPT}) {
            HttpResponse<byte[]> plain = get("Accept", accept);
            HttpResponse<byte[]> gzip = get("Accept", accept, "Accept-Encoding", "gzip");

            assertThat(gzip.headers().firstValue("Content-Type")).isEqualTo(plain.headers().firstValue("Content-Type"));
            assertThat(gzip.headers().firstValueAsLong("Content-Length")).hasValue(gzip.body().length);
            String inflated = gunzip(gzip.body());
            // Both were rendered from the same snapshot; only the process_/jvm_ samples may have moved on.
            assertThat(hafsLines(inflated)).isEqualTo(hafsLines(new String(plain.body(), StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> protobuf = get("Accept", PROMETHEUS_PROTOBUF_ACCEPT, "Accept-Encoding", "gzip");
        assertThat(protobuf.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
        assertThat(gunzipBytes(protobuf.body())).isNotEmpty();
    }

    @Test
    void aRequestThatRefusesEveryCodingIsNotAcceptable() throws Exception {
        for (String refusal : new String[] {"identity;q=0", "*;q=0", "gzip;q=0, identity;q=0"}) {
            HttpResponse<byte[]> response = get("Accept-Encoding", refusal);

            assertThat(response.statusCode()).as(refusal).isEqualTo(406);
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        }
    }

    @Test
    void headersOnSeveralLinesCountTogether() throws IOException {
        String response = raw("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity;q=0\r\n"
                + "Accept-Encoding: gzip\r\nAccept: application/openmetrics-text;q=0\r\nAccept: text/plain\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Encoding: gzip")
                .contains("Content-Type: " + TEXT);
    }

    @Test
    void anEmptyAcceptEncodingMeansIdentity() throws IOException {
        String response = raw("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding:\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Content-Encoding").contains("# HELP hafs_");
    }

    private static HttpResponse<byte[]> get(String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** One request written as given; the status line and headers of the answer, and its body as Latin-1. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", exporter.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            int length = head.toString().lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
            return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }
    }

    private static String gunzip(byte[] body) throws IOException {
        return new String(gunzipBytes(body), StandardCharsets.UTF_8);
    }

    private static byte[] gunzipBytes(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static String hafsLines(String exposition) {
        return exposition.lines().filter(line -> line.contains("hafs_")).reduce("", (a, b) -> a + b + "\n");
    }
}
