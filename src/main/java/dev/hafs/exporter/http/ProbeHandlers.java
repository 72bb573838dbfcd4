package dev.hafs.exporter.http;

import dev.hafs.exporter.snapshot.SnapshotStore;
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
        Answers.plain(request, response, Status.OK_200, "Healthy.\n");
    }

    void ready(ServerRequest request, ServerResponse response) {
        if (store.current().initialScanComplete()) {
            Answers.plain(request, response, Status.OK_200, "Ready.\n");
        } else {
            Answers.plain(request, response, Status.SERVICE_UNAVAILABLE_503,
                    "Not ready: the first scan of the training directory is running.\n");
        }
    }
}
