package dev.hafs.exporter.http.security;

import dev.hafs.exporter.logging.Log;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.http.Filter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * --web.config.file at work: TLS for the listener, basic auth and headers for every request, and the
 * file (with the certificates it names) re-checked every poll interval, so certificates can rotate
 * and passwords change without a restart.
 *
 * <p>A new version is applied only after it has read the same on two checks in a row: a file caught
 * half-written could otherwise parse as a weaker config (a truncated users list, or an empty file
 * meaning "no authentication"). It is applied whole or not at all; a version that is invalid is
 * logged once and the one in force stays. Switching between HTTP and HTTPS needs a restart, because
 * the listener is one or the other from its start.
 */
public final class WebSecurity implements AutoCloseable {
    private static final Log LOG = Log.of(WebSecurity.class);

    private final Optional<WebConfigFile> file;
    private final AtomicReference<ActiveWebConfig> active;
    private final Optional<Tls> tls;
    private final ScheduledExecutorService poller;
    // Touched only by the poller thread.
    private String pending = "";
    private String reported = "";

    private WebSecurity(Optional<WebConfigFile> file, ActiveWebConfig initial, Duration pollInterval) {
        this.file = file;
        this.active = new AtomicReference<>(initial);
        this.tls = initial.tls().map(first -> Tls.builder()
                .sslContext(new ReloadableSslContext(() -> active.get().tls().orElseThrow()))
                .build());
        if (file.isPresent()) {
            this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "hafs-web-config");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::checkGuarded, pollInterval.toMillis(), pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            this.poller = null;
        }
    }

    /** No --web.config.file: plain HTTP, no authentication, no extra headers. */
    public static WebSecurity none() {
        return new WebSecurity(Optional.empty(), ActiveWebConfig.NONE, Duration.ZERO);
    }

    /** Reads and checks the file and everything it names; any problem stops the start. */
    public static WebSecurity start(Path path, Duration pollInterval) throws WebConfigException {
        WebConfigFile file = new WebConfigFile(path);
        ActiveWebConfig initial = ActiveWebConfig.build(file.read());
        LOG.info("web config loaded", "file", path, "tls", initial.tls().isPresent(),
                "basic_auth_users", initial.authenticator().userCount(), "headers", initial.headers().size());
        return new WebSecurity(Optional.of(file), initial, pollInterval);
    }

    /** The listener's TLS, present when the file configured it at start; its contents follow the file. */
    public Optional<Tls> tls() {
        return tls;
    }

    /** Authentication and headers, for every route. */
    public Filter filter() {
        return new SecurityFilter(active::get);
    }

    /** http_server_config.headers of the version in force, for answers that no route gives (400, 414, 500). */
    public Map<String, String> headers() {
        return active.get().headers();
    }

    /**
     * SIGHUP: one read of the file, applied at once when valid (the operator says it is complete, so
     * no second read confirms it), else the version in force stays; logged either way.
     */
    public synchronized void reloadNow() {
        if (file.isEmpty()) {
            return;
        }
        WebConfigFile config = file.get();
        pending = "";
        reported = "";
        try {
            ActiveWebConfig next = replacing(active.get(), config.read());
            active.set(next);
            LOG.info("web config reloaded", "file", config.path(), "tls", next.tls().isPresent(),
                    "basic_auth_users", next.authenticator().userCount(), "headers", next.headers().size());
        } catch (WebConfigException | RuntimeException e) {
            LOG.warn("web config not reloaded, the previous version stays in force", "file", config.path(),
                    "problem", e instanceof WebConfigException ? e.getMessage() : e.toString());
        }
    }

    /** The periodic check; a throw would cancel every later run of a fixed-delay task, so none escapes. */
    private void checkGuarded() {
        try {
            check();
        } catch (Throwable e) {
            LOG.error("checking the web config failed; the next check runs as planned", e);
        }
    }

    synchronized void check() {
        WebConfigFile config = file.orElseThrow();
        ActiveWebConfig current = active.get();
        WebConfigVersion version = null;
        String fingerprint;
        String problem = null;
        try {
            version = config.read();
            fingerprint = version.fingerprint();
        } catch (WebConfigException e) {
            problem = e.getMessage();
            fingerprint = "unreadable: " + problem;
        }
        if (fingerprint.equals(current.fingerprint())) {
            pending = "";
            reported = "";
            return;
        }
        if (!fingerprint.equals(pending)) {
            pending = fingerprint;
            return;
        }
        try {
            if (problem != null) {
                throw new WebConfigException(problem);
            }
            ActiveWebConfig next = replacing(current, version);
            active.set(next);
            pending = "";
            reported = "";
            LOG.info("web config reloaded", "file", config.path(), "tls", next.tls().isPresent(),
                    "basic_auth_users", next.authenticator().userCount(), "headers", next.headers().size());
        } catch (WebConfigException | RuntimeException e) {
            String message = e instanceof WebConfigException ? e.getMessage() : e.toString();
            if (!message.equals(reported)) {
                reported = message;
                LOG.warn("web config not reloaded, the previous version stays in force", "file", config.path(),
                        "problem", message);
            }
        }
    }

    private static ActiveWebConfig replacing(ActiveWebConfig current, WebConfigVersion version) throws WebConfigException {
        ActiveWebConfig next = ActiveWebConfig.build(version);
        if (next.tls().isPresent() != current.tls().isPresent()) {
            throw new WebConfigException("tls_server_config was " + (next.tls().isPresent() ? "added" : "removed")
                    + "; switching between HTTP and HTTPS needs a restart of the exporter");
        }
        return next;
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
