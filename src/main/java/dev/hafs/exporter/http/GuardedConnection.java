package dev.hafs.exporter.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.spi.ServerConnection;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * One accepted connection as {@link ConnectionGuard} sees it: Helidon's HTTP/1.1 connection inside,
 * the socket around it, and what the connection is doing since when. It waits for a request head
 * from its accept (the TLS handshake included) and again from the moment its reader asks for bytes
 * after an answer; the head's end starts a request, the answer's headers start the answer.
 */
final class GuardedConnection implements ConnectionContext, ServerConnection {
    enum Phase { AWAITING_HEAD, IN_REQUEST, ANSWERING }

    private final ConnectionContext socket;
    private final DataReader reader = DataReader.create(this::nextBytes);
    private final Consumer<GuardedConnection> onEnd;
    private ServerConnection http;
    private volatile Phase phase = Phase.AWAITING_HEAD;
    private volatile long since = System.nanoTime();
    private volatile boolean lastRequest;
    // Touched by the connection's own thread only.
    private boolean firstRequest = true;

    GuardedConnection(ConnectionContext socket, Consumer<GuardedConnection> onEnd) {
        this.socket = socket;
        this.onEnd = onEnd;
    }

    void serve(ServerConnection http) {
        this.http = http;
    }

    Phase phase() {
        return phase;
    }

    /** How long the connection has been in its phase. */
    Duration inPhase() {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** {@code lastRequest}: the client asked for "Connection: close". */
    void headReceived(boolean lastRequest) {
        this.lastRequest = lastRequest;
        enter(Phase.IN_REQUEST);
    }

    void answering() {
        enter(Phase.ANSWERING);
    }

    private void enter(Phase next) {
        since = System.nanoTime();
        phase = next;
    }

    /** What Helidon's reader gets; null ends the connection. */
    private byte[] nextBytes() {
        if (phase == Phase.ANSWERING) {
            // The answer is written (it is written on this thread): the next bytes are the next request's,
            // unless the client asked for "Connection: close", which Helidon announces but does not do itself.
            if (lastRequest) {
                return null;
            }
            enter(Phase.AWAITING_HEAD);
        }
        if (!firstRequest) {
            return read();
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        do {
            head.writeBytes(read());
        } while (Http10Requests.needsMore(head.toByteArray()));
        firstRequest = false;
        return Http10Requests.asHttp11(head.toByteArray());
    }

    private byte[] read() {
        DataReader source = socket.dataReader();
        source.ensureAvailable();
        return source.readBytes(source.available());
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        try {
            http.handle(limit);
        } finally {
            onEnd.accept(this);
        }
    }

    @Override
    public Duration idleTime() {
        return http.idleTime();
    }

    /** Interrupting the connection's thread closes its channel, whatever it is blocked in (a read, a handshake, a write). */
    @Override
    public void close(boolean interrupt) {
        http.close(interrupt);
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return socket.dataWriter();
    }

    @Override
    public ListenerContext listenerContext() {
        return socket.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return socket.executor();
    }

    @Override
    public Router router() {
        return socket.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return socket.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return socket.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return socket.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return socket.localPeer();
    }

    @Override
    public boolean isSecure() {
        return socket.isSecure();
    }

    @Override
    public String socketId() {
        return socket.socketId();
    }

    @Override
    public String childSocketId() {
        return socket.childSocketId();
    }
}
