package dev.hafs.exporter.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the server answers when no route does (a malformed or oversized request, an exception in a
 * handler): the status line as a short plain text, never the exception's message, a path or a stack
 * trace (those go to the log), with the configured security headers like every other response, and
 * for HEAD no body at all.
 */
final class PlainErrorPages implements DirectHandler {
    private final Supplier<Map<String, String>> headers;

    PlainErrorPages(Supplier<Map<String, String>> headers) {
        this.headers = headers;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders responseHeaders, String message) {
        headers.get().forEach((name, value) -> responseHeaders.set(HeaderNames.create(name), value));
        responseHeaders.set(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        TransportResponse.Builder response = TransportResponse.builder().status(status).headers(responseHeaders);
        if (!"HEAD".equals(request.method())) {
            response.entity(status.code() + " " + status.reasonPhrase().toLowerCase(Locale.ROOT) + "\n");
        }
        return response.build();
    }
}
