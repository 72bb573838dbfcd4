package dev.hafs.exporter.http;

import dev.hafs.exporter.metrics.ExporterRegistry;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The telemetry path: text 0.0.4, OpenMetrics or protobuf, whichever the Accept header asks for. */
final class MetricsHandler implements Handler {
    private final ExporterRegistry registry;

    MetricsHandler(ExporterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        String accept = request.headers().first(HeaderNames.ACCEPT).orElse("");
        ExporterRegistry.Scrape scrape = registry.scrape(accept);
        response.header(HeaderNames.CONTENT_TYPE, scrape.contentType());
        Answers.send(request, response, scrape.body());
    }
}
