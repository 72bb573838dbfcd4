package dev.hafs.exporter.http;

import dev.hafs.exporter.snapshot.SnapshotStore;
import dev.hafs.exporter.snapshot.TrainingSnapshot;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * /-/healthy answers 200 while the pipeline follows the files, and 503 with the reason once a
 * pipeline thread could not go on (the process is then shutting down to be restarted); /-/ready
 * only once the first scan of the directory is done (and not while unhealthy), so an orchestrator
 * does not route scrapes to an exporter that would show nothing yet. The reason is a sentence for
 * people, without paths or exception text; the log has the details.
 */
final class ProbeHandlers {
    private final SnapshotStore store;

    ProbeHandlers(SnapshotStore store) {
        this.store = store;
    }

    void healthy(ServerRequest request, ServerResponse response) {
        TrainingSnapshot snapshot = store.current();
        if (snapshot.unhealthy().isPresent()) {
            Answers.plain(request, response, Status.SERVICE_UNAVAILABLE_503, "Unhealthy: " + snapshot.unhealthy().get() + "\n");
        } else {
            Answers.plain(request, response, Status.OK_200, "Healthy.\n");
        }
    }

    void ready(ServerRequest request, ServerResponse response) {
        TrainingSnapshot snapshot = store.current();
        if (snapshot.unhealthy().isPresent()) {
            Answers.plain(request, response, Status.SERVICE_UNAVAILABLE_503, "Not ready: " + snapshot.unhealthy().get() + "\n");
        } else if (snapshot.initialScanComplete()) {
            Answers.plain(request, response, Status.OK_200, "Ready.\n");
        } else {
            Answers.plain(request, response, Status.SERVICE_UNAVAILABLE_503,
                    "Not ready: the first scan of the training directory is running.\n");
        }
    }
}
