package dev.hafs.exporter.http;

import dev.hafs.exporter.BuildInfo;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.metrics.ExporterRegistry;
import dev.hafs.exporter.snapshot.SnapshotStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The exporter's whole HTTP surface, in plain Helidon SE routing: the telemetry path, a landing
 * page, and the two probes. Only GET and HEAD are served; anything else on a known path is 405.
 */
public final class ExporterHttpServer {
    private static final Predicate<Method> READ_METHODS = method -> method == Method.GET || method == Method.HEAD;

    private final WebServer server;

    private ExporterHttpServer(WebServer server) {
        this.server = server;
    }

    public static ExporterHttpServer start(ListenAddress address, String telemetryPath, ExporterRegistry registry,
            SnapshotStore store, BuildInfo build) {
        MetricsHandler metrics = new MetricsHandler(registry);
        LandingPage landing = new LandingPage(store, build, telemetryPath);
        ProbeHandlers probes = new ProbeHandlers(store);
        WebServer server = WebServer.builder()
                .host(address.host())
                .port(address.port())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .routing(routing -> {
                    serve(routing, telemetryPath, metrics);
                    serve(routing, "/", landing);
                    serve(routing, "/-/healthy", probes::healthy);
                    serve(routing, "/-/ready", probes::ready);
                    routing.any((request, response) -> response.status(Status.NOT_FOUND_404)
                            .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                            .send("404 page not found\n"));
                })
                .build()
                .start();
        return new ExporterHttpServer(server);
    }

    private static void serve(HttpRouting.Builder routing, String path, Handler handler) {
        routing.route(READ_METHODS, io.helidon.http.PathMatchers.exact(path), handler);
        routing.route(method -> !READ_METHODS.test(method), io.helidon.http.PathMatchers.exact(path),
                (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405)
                        .header(HeaderNames.ALLOW, String.join(", ", List.of("GET", "HEAD")))
                        .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                        .send("405 method not allowed\n"));
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
    }
}
