package dev.hafs.exporter.http.security;

import dev.hafs.exporter.logging.Log;
import io.helidon.common.tls.Tls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * --web.config.file at work: TLS for the listeners, basic auth and headers for every request, and the
 * file (with the files it names) re-read every poll interval and on {@link #reload()}, so
 * certificates can rotate and passwords change without a restart.
 *
 * <p>The poll applies a new version only after it has read the same on two checks in a row: a file
 * caught half-written could otherwise parse as a weaker config (a truncated users list, or an empty
 * file meaning "no authentication"). {@link #reload()} is an operator saying the file is ready, so
 * one read is enough. Either way a version is applied whole or not at all, and one that is invalid
 * leaves the previous one in force. What a listener fixes at its start (HTTP or HTTPS, and the
 * handshake policy: client_auth_type, versions, cipher suites, curves) needs a restart to change.
 */
public final class WebSecurity implements AutoCloseable {
    private static final Log LOG = Log.of(WebSecurity.class);

    public enum Verdict { ACCEPTED, REFUSED, BUSY }

    /** What the version in force says about one request: the headers every answer gets, and whether it may pass. */
    public record Admission(Map<String, String> headers, Verdict verdict) {
    }

    /** A version of the file, built: what handshakes and requests are checked against. */
    private record Active(WebConfig config, Optional<Tls> tls, BasicAuthenticator authenticator, String fingerprint) {
        static Active build(WebConfigFile.Version version) throws WebConfigException {
            Optional<Tls> tls = Optional.empty();
            if (version.config().tls().isPresent()) {
                tls = Optional.of(ServerTls.create(version.config().tls().get(), version.tlsFiles().orElseThrow()));
            }
            return new Active(version.config(), tls, new BasicAuthenticator(version.config().basicAuthUsers()),
                    version.fingerprint());
        }
    }

    private final Optional<WebConfigFile> file;
    private final AtomicReference<Active> active;
    private Consumer<Tls> reloadTls = tls -> { };
    private ScheduledExecutorService poller;
    // The version read last time but not yet applied, and the problem last logged.
    private String pending = "";
    private String reported = "";

    private WebSecurity(Optional<WebConfigFile> file, Active initial) {
        this.file = file;
        this.active = new AtomicReference<>(initial);
    }

    /** No --web.config.file: plain HTTP, no authentication, no extra headers. */
    public static WebSecurity none() {
        return new WebSecurity(Optional.empty(), new Active(WebConfig.NONE, Optional.empty(), new BasicAuthenticator(Map.of()), ""));
    }

    /** Reads and checks the file and everything it names; any problem stops the start. */
    public static WebSecurity load(Path path) throws WebConfigException {
        WebConfigFile file = new WebConfigFile(path);
        Active initial = Active.build(file.read());
        LOG.info("web config loaded", "file", path, "tls", initial.tls().isPresent(),
                "basic_auth_users", initial.authenticator().userCount(), "headers", initial.config().headers().size());
        return new WebSecurity(Optional.of(file), initial);
    }

    /** The listeners' TLS at their start, when the file configures it. */
    public Optional<Tls> tls() {
        return active.get().tls();
    }

    public Admission admit(Optional<String> authorization) {
        Active config = active.get();
        BasicAuthenticator authenticator = config.authenticator();
        return new Admission(config.config().headers(),
                authenticator.enabled() ? authenticator.check(authorization) : Verdict.ACCEPTED);
    }

    /** http_server_config.headers of the version in force, for answers that no route gives (400, 414, 500). */
    public Map<String, String> headers() {
        return active.get().config().headers();
    }

    /** Starts re-reading the file; {@code reloadTls} hands a new version's certificate and CAs to every listener. */
    public synchronized void watch(Duration pollInterval, Consumer<Tls> reloadTls) {
        this.reloadTls = reloadTls;
        if (file.isPresent() && poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("hafs-web-config").daemon().factory());
            poller.scheduleWithFixedDelay(this::refreshGuarded, pollInterval.toMillis(), pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Re-reads the file and what it names now (on SIGHUP), applies it if it is valid, and logs either way. */
    public void reload() {
        if (file.isPresent()) {
            refresh(true);
        }
    }

    /** The periodic check; a throw would cancel every later run of a fixed-delay task, so none escapes. */
    private void refreshGuarded() {
        try {
            refresh(false);
        } catch (Throwable e) {
            LOG.error("checking the web config failed; the next check runs as planned", "error", e.toString());
        }
    }

    private synchronized void refresh(boolean operatorAsked) {
        WebConfigFile.Version version = null;
        String fingerprint;
        String problem = null;
        try {
            version = file.orElseThrow().read();
            fingerprint = version.fingerprint();
        } catch (WebConfigException e) {
            problem = e.getMessage();
            fingerprint = "unreadable: " + problem;
        }
        boolean changed = !fingerprint.equals(active.get().fingerprint());
        if (!operatorAsked && (!changed || !fingerprint.equals(pending))) {
            pending = changed ? fingerprint : "";
            reported = changed ? reported : "";
            return;
        }
        try {
            if (problem != null) {
                throw new WebConfigException(problem);
            }
            if (changed) {
                apply(version);
            }
            LOG.info("web config reloaded", "file", file.get().path(), "changed", changed);
            pending = "";
            reported = "";
        } catch (WebConfigException | RuntimeException e) {
            String message = e instanceof WebConfigException ? e.getMessage() : e.toString();
            if (operatorAsked || !message.equals(reported)) {
                LOG.warn("web config not reloaded, the previous version stays in force", "file", file.get().path(),
                        "problem", message);
            }
            reported = message;
        }
    }

    private void apply(WebConfigFile.Version version) throws WebConfigException {
        Active next = Active.build(version);
        Optional<TlsServerConfig> was = active.get().config().tls();
        Optional<TlsServerConfig> now = next.config().tls();
        if (was.isPresent() != now.isPresent()) {
            throw new WebConfigException("tls_server_config was " + (now.isPresent() ? "added" : "removed")
                    + "; switching between HTTP and HTTPS needs a restart of the exporter");
        }
        if (was.isPresent() && !was.get().sameHandshakePolicy(now.get())) {
            throw new WebConfigException("tls_server_config: client_auth_type, min_version, max_version, cipher_suites,"
                    + " curve_preferences and prefer_server_cipher_suites are fixed at start; restart the exporter to change them");
        }
        next.tls().ifPresent(reloadTls);
        active.set(next);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
