package dev.hafs.exporter.http;

import dev.hafs.exporter.metrics.ExpositionFormat;
import dev.hafs.exporter.metrics.ScrapeBodies;
import dev.hafs.exporter.metrics.ScrapeBody;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * The telemetry path: text 0.0.4, OpenMetrics or protobuf, whichever the Accept header prefers,
 * gzip-compressed when Accept-Encoding allows it (Prometheus always asks). The compressed body is
 * made once per rendered body and shared, and since the response already names its encoding,
 * Helidon sends the bytes as they are and never compresses them a second time.
 */
final class MetricsHandler implements Handler {
    private static final String VARY = "Accept, Accept-Encoding";

    private final ScrapeBodies bodies;

    MetricsHandler(ScrapeBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        Headers headers = request.headers();
        response.header(HeaderNames.VARY, VARY);
        // No Accept-Encoding at all means identity: gzip only for clients that say they take it.
        Optional<ScrapeNegotiation.Coding> coding = headers.contains(HeaderNames.ACCEPT_ENCODING)
                ? ScrapeNegotiation.coding(joined(headers, HeaderNames.ACCEPT_ENCODING))
                : Optional.of(ScrapeNegotiation.Coding.IDENTITY);
        if (coding.isEmpty()) {
            Answers.plain(request, response, Status.NOT_ACCEPTABLE_406,
                    "406 not acceptable: Accept-Encoding refuses both gzip and identity\n");
            return;
        }
        ExpositionFormat format = ScrapeNegotiation.format(joined(headers, HeaderNames.ACCEPT));
        ScrapeBody body = bodies.body(format);
        response.header(HeaderNames.CONTENT_TYPE, body.contentType());
        if (coding.get() == ScrapeNegotiation.Coding.GZIP) {
            response.header(HeaderNames.CONTENT_ENCODING, "gzip");
            Answers.send(request, response, body.gzip());
        } else {
            Answers.send(request, response, body.identity());
        }
    }

    private static String joined(Headers headers, HeaderName name) {
        return String.join(",", headers.all(name, List::of));
    }
}
