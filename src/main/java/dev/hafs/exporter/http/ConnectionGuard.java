package dev.hafs.exporter.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps any client from holding a listener: the listener's only connection selector, it wraps each
 * HTTP/1.1 connection as it is accepted (before a byte is read, so before the TLS handshake too).
 *
 * <ul>
 *   <li>A connection without a complete request head is closed {@code requestHeadTimeout} after its
 *       accept or after its last answer (Go's ReadHeaderTimeout and IdleTimeout in one): idle,
 *       slow-sending, or never finishing its TLS handshake, it is the same to a scraper.
 *   <li>At most {@code maxConnections} connections are open. One more makes room by closing the one
 *       waiting longest for a request head, else the one answering longest (a client not reading),
 *       else it is itself refused: so a newcomer, such as Prometheus, gets in past any flood.
 * </ul>
 * Helidon's own limit would do neither: it stops accepting when full, so held connections would
 * keep every scrape waiting in the kernel's backlog.
 */
final class ConnectionGuard implements ServerConnectionSelector, AutoCloseable {
    /** The production values; tests shorten the timeout. */
    record Limits(Duration requestHeadTimeout, int maxConnections) {
        /** The head timeout is Prometheus's default scrape timeout; a few scrapers and browsers need a handful of connections. */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 128);
    }

    private static final Comparator<GuardedConnection> FIRST_TO_GO = Comparator
            .comparing((GuardedConnection connection) -> connection.phase() != GuardedConnection.Phase.AWAITING_HEAD)
            .thenComparing(GuardedConnection::inPhase, Comparator.reverseOrder());

    private final ServerConnectionSelector http1;
    private final Limits limits;
    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hafs-connection-guard").daemon().factory());

    ConnectionGuard(Http1Config.Builder http1, Limits limits) {
        this.http1 = Http1ConnectionSelector.builder()
                .config(http1.addReceiveListener(new Http1ConnectionListener() {
                    @Override
                    public void headers(ConnectionContext connection, Headers headers) {
                        ((GuardedConnection) connection).headReceived(headers.containsToken(HeaderValues.CONNECTION_CLOSE));
                    }
                }).addSendListener(new Http1ConnectionListener() {
                    @Override
                    public void status(ConnectionContext connection, Status status) {
                        ((GuardedConnection) connection).answering();
                    }
                }).build())
                .build();
        this.limits = limits;
        long period = Math.max(10, limits.requestHeadTimeout().toMillis() / 20);
        sweeper.scheduleWithFixedDelay(this::closeOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public ServerConnection connection(ConnectionContext socket) {
        GuardedConnection connection = new GuardedConnection(socket, open::remove);
        connection.serve(http1.connection(connection));
        admit(connection);
        return connection;
    }

    private synchronized void admit(GuardedConnection newcomer) {
        open.add(newcomer);
        if (open.size() > limits.maxConnections()) {
            close(open.stream()
                    .filter(connection -> connection != newcomer && connection.phase() != GuardedConnection.Phase.IN_REQUEST)
                    .min(FIRST_TO_GO)
                    .orElse(newcomer));
        }
    }

    private void closeOverdue() {
        for (GuardedConnection connection : open) {
            if (connection.phase() == GuardedConnection.Phase.AWAITING_HEAD
                    && connection.inPhase().compareTo(limits.requestHeadTimeout()) >= 0) {
                close(connection);
            }
        }
    }

    private void close(GuardedConnection connection) {
        open.remove(connection);
        connection.close(true);
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData request) {
        return http1.supports(request);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
