package dev.hafs.exporter.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request headers do not all arrive within the limit after its request line.
 * Helidon's idle timeout covers the wait for a request line (and the TLS handshake before it) but not
 * the headers: without this, a client sending one header byte a minute (slowloris) would hold a
 * connection for days. This is Go's ReadHeaderTimeout, which exporters built on the toolkit have.
 */
final class RequestHeadDeadline implements Http1ConnectionListener {
    private final ScheduledExecutorService timer;
    private final Duration limit;
    private final Map<ConnectionContext, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

    RequestHeadDeadline(ScheduledExecutorService timer, Duration limit) {
        this.timer = timer;
        this.limit = limit;
    }

    @Override
    public void prologue(ConnectionContext connection, HttpPrologue prologue) {
        waiting.put(connection, timer.schedule(() -> expire(connection), limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void headers(ConnectionContext connection, Headers headers) {
        ScheduledFuture<?> deadline = waiting.remove(connection);
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void expire(ConnectionContext connection) {
        if (waiting.remove(connection) != null) {
            // Closing a TLS socket sends close_notify, which may wait on the peer: not on the timer's thread.
            Thread.ofVirtual().name("hafs-slow-request-close").start(() -> {
                try {
                    connection.serverSocket().close();
                } catch (RuntimeException e) {
                    // Already closed by the peer or by the server: either way the connection is gone.
                }
            });
        }
    }
}
