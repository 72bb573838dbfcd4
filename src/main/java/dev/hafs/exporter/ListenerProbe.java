package dev.hafs.exporter;

import dev.hafs.exporter.logging.Log;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks every few seconds that the HTTP listener still takes connections, as a client would. Helidon
 * gives a listener up when its accept loop throws (out of file descriptors, out of memory), and in
 * 4.5 that listener's stop then waits for itself: the process lives on, deaf, with no event to hear.
 * A refused connection to our own port is that state; a slow one (a full backlog) is not.
 */
final class ListenerProbe implements AutoCloseable {
    private static final Log LOG = Log.of(ListenerProbe.class);
    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final InetSocketAddress address;
    private final Runnable refused;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hafs-listener-probe");
        thread.setDaemon(true);
        return thread;
    });

    ListenerProbe(String host, int port, Runnable refused) {
        this.address = new InetSocketAddress(connectableHost(host), port);
        this.refused = refused;
        timer.scheduleWithFixedDelay(this::probe, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A listener on every interface is reached through loopback. */
    private static String connectableHost(String host) {
        return switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "::1";
            default -> host;
        };
    }

    private void probe() {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) CONNECT_TIMEOUT.toMillis());
        } catch (ConnectException e) {
            timer.shutdown();
            refused.run();
        } catch (Throwable e) {
            // A timeout or no descriptor for the probe itself: the listener may be busy, not gone.
            LOG.debug("the listener probe did not connect", "address", address, "error", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
