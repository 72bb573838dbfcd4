package dev.hafs.exporter.http;

import dev.hafs.exporter.build.BuildInfo;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.http.security.WebConfigException;
import dev.hafs.exporter.http.security.WebSecurity;
import dev.hafs.exporter.logging.Log;
import dev.hafs.exporter.metrics.ScrapeBodies;
import dev.hafs.exporter.snapshot.SnapshotStore;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The exporter's whole HTTP surface, in plain Helidon SE routing: the telemetry path, a landing
 * page, and the two probes, all behind --web.config.file's TLS, basic auth and headers, on one
 * listener per --web.listen-address. Only GET and HEAD are served; anything else on a known path is
 * 405. Requests are kept small and quick (see the limits below and {@link ConnectionGuard}), and no
 * answer carries an exception message, a path or a stack trace.
 */
public final class ExporterHttpServer {
    private static final Log LOG = Log.of(ExporterHttpServer.class);
    private static final Predicate<Method> READ_METHODS = method -> method == Method.GET || method == Method.HEAD;

    /** The request line: method, path and query. The exporter's paths are short; 2 KiB is plenty. */
    static final int MAX_REQUEST_LINE_BYTES = 2048;
    /** All request headers together: Prometheus sends a handful, browsers a few more. */
    static final int MAX_HEADER_BYTES = 8192;
    /** GET and HEAD carry no body; this only bounds what a wrong method may make the server read. */
    static final long MAX_BODY_BYTES = 4096;

    private final List<WebServer> servers;
    private final List<ConnectionGuard> guards;
    private final List<String> addresses;
    private final WebSecurity security;

    private ExporterHttpServer(List<WebServer> servers, List<ConnectionGuard> guards, List<String> addresses,
            WebSecurity security) {
        this.servers = servers;
        this.guards = guards;
        this.addresses = addresses;
        this.security = security;
    }

    /**
     * Starts serving on every address; with a web config file, only once it and every file it names
     * check out. Any problem (the file, an address already in use) is an IllegalStateException whose
     * message is one line naming it, and then nothing listens.
     */
    public static ExporterHttpServer start(List<ListenAddress> listenAddresses, String telemetryPath,
            Optional<Path> webConfigFile, Duration webConfigPollInterval, ScrapeBodies bodies, SnapshotStore store,
            BuildInfo build) {
        return start(listenAddresses, telemetryPath, webConfigFile, webConfigPollInterval, bodies, store, build,
                ConnectionGuard.Limits.DEFAULT);
    }

    static ExporterHttpServer start(List<ListenAddress> listenAddresses, String telemetryPath, Optional<Path> webConfigFile,
            Duration webConfigPollInterval, ScrapeBodies bodies, SnapshotStore store, BuildInfo build,
            ConnectionGuard.Limits limits) {
        WebSecurity security = loadWebSecurity(webConfigFile);
        List<WebServer> servers = new ArrayList<>();
        List<ConnectionGuard> guards = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        ExporterHttpServer server = new ExporterHttpServer(servers, guards, addresses, security);
        try {
            for (ListenAddress address : listenAddresses) {
                requireFree(address);
                ConnectionGuard guard = new ConnectionGuard(Http1Config.builder()
                        .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                        .maxHeadersSize(MAX_HEADER_BYTES), limits);
                guards.add(guard);
                WebServer listener = listener(address, security, guard)
                        .routing(routing -> routes(routing, telemetryPath, security, bodies, store, build))
                        .build()
                        .start();
                if (!listener.isRunning()) {
                    throw new IllegalStateException("--web.listen-address " + address + ": cannot listen (see the log above)");
                }
                servers.add(listener);
                addresses.add(address.withPort(listener.port()).toString());
            }
            security.watch(webConfigPollInterval, tls -> servers.forEach(listener -> listener.reloadTls(tls)));
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private static WebSecurity loadWebSecurity(Optional<Path> webConfigFile) {
        if (webConfigFile.isEmpty()) {
            return WebSecurity.none();
        }
        try {
            return WebSecurity.load(webConfigFile.get());
        } catch (WebConfigException e) {
            throw new IllegalStateException("--web.config.file " + webConfigFile.get() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Helidon logs a listener that cannot bind with a stack trace and carries on without it; a bind of our
     * own first turns the usual causes (in use, not an address of this host, no permission) into one line.
     */
    private static void requireFree(ListenAddress address) {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(address.host(), address.port()));
        } catch (IOException e) {
            throw new IllegalStateException("--web.listen-address " + address + ": cannot listen: " + e.getMessage());
        } catch (UnresolvedAddressException e) {
            throw new IllegalStateException("--web.listen-address " + address + ": cannot listen: unknown host " + address.host());
        }
    }

    private static WebServerConfig.Builder listener(ListenAddress address, WebSecurity security, ConnectionGuard guard) {
        DirectHandler plainErrors = new PlainErrorPages(security::headers);
        WebServerConfig.Builder builder = WebServer.builder()
                .host(address.host())
                .port(address.port())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                // The guard is the only way in: it wraps each connection before its first byte (or TLS handshake).
                .protocolsDiscoverServices(false)
                .addConnectionSelector(guard)
                .useNio(true)
                // A scrape is one small request and one response written in pieces: with Nagle's
                // algorithm the last piece waits for the client's delayed ACK (~40 ms per scrape).
                .connectionOptions(options -> options.tcpNoDelay(true))
                .maxPayloadSize(MAX_BODY_BYTES)
                .errorHandling(errors -> errors.includeEntity(false))
                .directHandlers(handlers -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, plainErrors);
                    }
                });
        security.tls().ifPresent(builder::tls);
        return builder;
    }

    private static void routes(HttpRouting.Builder routing, String telemetryPath, WebSecurity security,
            ScrapeBodies bodies, SnapshotStore store, BuildInfo build) {
        ProbeHandlers probes = new ProbeHandlers(store);
        routing.addFilter(new SecurityFilter(security));
        serve(routing, telemetryPath, new MetricsHandler(bodies));
        serve(routing, "/", new LandingPage(store, build, telemetryPath));
        serve(routing, "/-/healthy", probes::healthy);
        serve(routing, "/-/ready", probes::ready);
        routing.any((request, response) -> Answers.plain(request, response, Status.NOT_FOUND_404, "404 page not found\n"));
    }

    private static void serve(HttpRouting.Builder routing, String path, Handler handler) {
        routing.route(READ_METHODS, PathMatchers.exact(path), handler);
        routing.route(method -> !READ_METHODS.test(method), PathMatchers.exact(path),
                (request, response) -> Answers.plain(request, response.header(HeaderNames.ALLOW, "GET, HEAD"),
                        Status.METHOD_NOT_ALLOWED_405, "405 method not allowed\n"));
    }

    /** The port of the first listener: the one that matters when there is one, as in tests with port 0. */
    public int port() {
        return servers.getFirst().port();
    }

    /** Each listener's address with the port it got, e.g. 127.0.0.1:9746 or [::1]:9746. */
    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    public boolean tls() {
        return security.tls().isPresent();
    }

    /**
     * Re-reads --web.config.file and the files it names now (SIGHUP: the operator says they are ready),
     * and applies them to every listener if they are valid; logs either way.
     */
    public void reloadWebConfig() {
        security.reload();
    }

    public void stop() {
        security.close();
        servers.forEach(WebServer::stop);
        guards.forEach(ConnectionGuard::close);
    }
}
