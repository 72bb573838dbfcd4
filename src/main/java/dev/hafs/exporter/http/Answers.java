package dev.hafs.exporter.http;

import dev.hafs.exporter.metrics.BodyBytes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How every route answers: with the body, or for HEAD with the same headers and no body (Helidon
 * would send it, and a keep-alive client would then read it as the start of the next answer).
 */
final class Answers {
    private Answers() {
    }

    static void send(ServerRequest request, ServerResponse response, byte[] body) {
        if (request.prologue().method() == Method.HEAD) {
            response.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            response.send();
        } else {
            response.send(body);
        }
    }

    /** A scrape body: handed over whole when it is one array, else written out in pieces with its length announced. */
    static void send(ServerRequest request, ServerResponse response, BodyBytes body) {
        Optional<byte[]> whole = body.asOneArray();
        if (whole.isPresent()) {
            send(request, response, whole.get());
            return;
        }
        response.header(HeaderNames.CONTENT_LENGTH, Long.toString(body.length()));
        if (request.prologue().method() == Method.HEAD) {
            response.send();
            return;
        }
        try (OutputStream out = response.outputStream()) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void plain(ServerRequest request, ServerResponse response, Status status, String text) {
        response.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        send(request, response, text.getBytes(StandardCharsets.UTF_8));
    }
}
