package dev.hafs.exporter.http;

import dev.hafs.exporter.snapshot.SnapshotStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * /-/healthy answers while the process serves; /-/ready only once the first scan of the directory
 * is done, so an orchestrator does not route scrapes to an exporter that would show nothing yet.
 */
final class ProbeHandlers {
    private final SnapshotStore store;

    ProbeHandlers(SnapshotStore store) {
        this.store = store;
    }

    void healthy(ServerRequest request, ServerResponse response) {
        plain(response, Status.OK_200, "Healthy.\n");
    }

    void ready(ServerRequest request, ServerResponse response) {
        if (store.current().initialScanComplete()) {
            plain(response, Status.OK_200, "Ready.\n");
        } else {
            plain(response, Status.SERVICE_UNAVAILABLE_503, "Not ready: the first scan of the training directory is running.\n");
        }
    }

    private static void plain(ServerResponse response, Status status, String body) {
        response.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send(body);
    }
}
