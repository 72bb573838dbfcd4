package dev.hafs.exporter.http;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.http.security.WebConfigException;
import dev.hafs.exporter.http.security.WebSecurity;
import dev.hafs.exporter.metrics.ScrapeBodies;
import dev.hafs.exporter.snapshot.SnapshotStore;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The exporter's whole HTTP surface, in plain Helidon SE routing: the telemetry path, a landing
 * page, and the two probes, all behind --web.config.file's TLS, basic auth and headers. Only GET and
 * HEAD are served; anything else on a known path is 405. Requests are kept small and quick (see the
 * limits below), and no answer carries an exception message, a path or a stack trace.
 */
public final class ExporterHttpServer {
    private static final Predicate<Method> READ_METHODS = method -> method == Method.GET || method == Method.HEAD;

    /** The request line: method, path and query. The exporter's paths are short; 2 KiB is plenty. */
    static final int MAX_REQUEST_LINE_BYTES = 2048;
    /** All request headers together: Prometheus sends a handful, browsers a few more. */
    static final int MAX_HEADER_BYTES = 8192;
    /** GET and HEAD carry no body; this only bounds what a wrong method may make the server read. */
    static final long MAX_BODY_BYTES = 4096;
    /** Longer than any common scrape interval (up to 1m), so Prometheus keeps its connection open. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration IDLE_CHECK_PERIOD = Duration.ofSeconds(10);
    /** From the request line to the end of the headers, as Prometheus's default scrape timeout. */
    static final Duration REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** A few scrapers and browsers need a handful; the cap keeps a flood of idle sockets bounded. */
    static final int MAX_CONNECTIONS = 128;

    private final WebServer server;
    private final WebSecurity security;
    private final ScheduledExecutorService timer;

    private ExporterHttpServer(WebServer server, WebSecurity security, ScheduledExecutorService timer) {
        this.server = server;
        this.security = security;
        this.timer = timer;
    }

    /**
     * Starts serving; with a web config file, only once it and every file it names check out
     * (otherwise an IllegalStateException names the problem and nothing listens).
     */
    public static ExporterHttpServer start(ListenAddress address, String telemetryPath, Optional<Path> webConfigFile,
            Duration webConfigPollInterval, ScrapeBodies bodies, SnapshotStore store, BuildInfo build) {
        WebSecurity security = loadWebSecurity(webConfigFile, webConfigPollInterval);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hafs-request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        try {
            WebServer server = configure(WebServer.builder(), address, security, timer)
                    .routing(routing -> routes(routing, telemetryPath, security, bodies, store, build))
                    .build()
                    .start();
            return new ExporterHttpServer(server, security, timer);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            security.close();
            throw e;
        }
    }

    private static WebSecurity loadWebSecurity(Optional<Path> webConfigFile, Duration pollInterval) {
        if (webConfigFile.isEmpty()) {
            return WebSecurity.none();
        }
        try {
            return WebSecurity.start(webConfigFile.get(), pollInterval);
        } catch (WebConfigException e) {
            throw new IllegalStateException("--web.config.file " + webConfigFile.get() + ": " + e.getMessage(), e);
        }
    }

    private static WebServerConfig.Builder configure(WebServerConfig.Builder builder, ListenAddress address,
            WebSecurity security, ScheduledExecutorService timer) {
        DirectHandler plainErrors = new PlainErrorPages(security::headers);
        builder.host(address.host())
                .port(address.port())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                // The TLS of --web.config.file hands out SSLEngines; the blocking socket mode would bypass them.
                .useNio(true)
                .maxTcpConnections(MAX_CONNECTIONS)
                // A scrape is one small request and one response written in pieces: with Nagle's
                // algorithm the last piece waits for the client's delayed ACK (~40 ms per scrape).
                .connectionOptions(options -> options.tcpNoDelay(true))
                .maxPayloadSize(MAX_BODY_BYTES)
                .idleConnectionTimeout(IDLE_TIMEOUT)
                .idleConnectionPeriod(IDLE_CHECK_PERIOD)
                .errorHandling(errors -> errors.includeEntity(false))
                .directHandlers(handlers -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, plainErrors);
                    }
                })
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                        .maxHeadersSize(MAX_HEADER_BYTES)
                        .addReceiveListener(new RequestHeadDeadline(timer, REQUEST_HEAD_TIMEOUT))
                        .build());
        security.tls().ifPresent(builder::tls);
        return builder;
    }

    private static void routes(HttpRouting.Builder routing, String telemetryPath, WebSecurity security,
            ScrapeBodies bodies, SnapshotStore store, BuildInfo build) {
        MetricsHandler metrics = new MetricsHandler(bodies);
        LandingPage landing = new LandingPage(store, build, telemetryPath);
        ProbeHandlers probes = new ProbeHandlers(store);
        routing.addFilter(security.filter());
        serve(routing, telemetryPath, metrics);
        serve(routing, "/", landing);
        serve(routing, "/-/healthy", probes::healthy);
        serve(routing, "/-/ready", probes::ready);
        routing.any((request, response) -> response.status(Status.NOT_FOUND_404)
                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .send("404 page not found\n"));
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

    public boolean tls() {
        return server.hasTls();
    }

    public void stop() {
        server.stop();
        timer.shutdownNow();
        security.close();
    }
}
