package dev.hafs.exporter.http;

import dev.hafs.exporter.ExporterConfig;
import dev.hafs.exporter.cli.ListenAddress;
import dev.hafs.exporter.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code hafs-training-exporter healthcheck}: the container's HEALTHCHECK, and anyone's local liveness
 * check. It asks {@code /-/healthy} on this machine's listener without the web config's passwords or
 * CA: TLS first, accepting any certificate (the check never leaves the machine and sends nothing
 * secret), then plain HTTP. With basic auth on, the exporter's own 401 proves it serves; with mutual
 * TLS, so does a handshake refused for want of a client certificate. Exit 0 or 1, as Docker expects,
 * and one line on standard output, which {@code docker inspect} shows.
 */
public final class HealthCheck {
    public static final String COMMAND = "healthcheck";
    /** Where the exporter listens when the healthcheck cannot be told by a flag (a container's HEALTHCHECK). */
    static final String ADDRESS_VARIABLE = "HAFS_HEALTHCHECK_ADDRESS";
    /** For the whole check, both attempts: below Docker's and Kubernetes' usual probe timeouts. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String PATH = "/-/healthy";
    private static final int MAX_HEAD_BYTES = 8192;
    private static final int MAX_REASON_CHARS = 200;
    /** The realm SecurityFilter sends: a 401 from anything else is not the exporter. */
    private static final String EXPORTER_REALM = "realm=\"hafs-training-exporter\"";
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    /** What the check found: healthy (exit 0) or not, and the line to print. */
    public record Outcome(boolean healthy, String message) {
        public int exitCode() {
            return healthy ? 0 : 1;
        }
    }

    private record Answer(int status, String challenge, String reason) {
    }

    private HealthCheck() {
    }

    /** Runs the subcommand; returns the exit code, or throws UsageException for a bad flag (exit 2). */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out) throws UsageException {
        Outcome outcome = check(target(args, environment), TIMEOUT);
        out.println(outcome.message());
        return outcome.exitCode();
    }

    static InetSocketAddress target(List<String> args, Map<String, String> environment) throws UsageException {
        String address = environment.getOrDefault(ADDRESS_VARIABLE, "");
        if (address.isEmpty()) {
            address = ":" + ExporterConfig.DEFAULT_PORT;
        }
        boolean given = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.startsWith("--web.listen-address=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.equals("--web.listen-address") && i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(COMMAND + " takes only --web.listen-address=[host]:port (or $" + ADDRESS_VARIABLE
                        + "), got \"" + arg + "\"");
            }
            // The exporter may listen on several addresses; any one of them tells whether it serves.
            if (!given) {
                address = value;
                given = true;
            }
        }
        ListenAddress listen = ListenAddress.parse("web.listen-address", address);
        String host = switch (listen.host()) {
            case "0.0.0.0", "::", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
            default -> listen.host();
        };
        return new InetSocketAddress(host, listen.port());
    }

    /** Asks /-/healthy at {@code target}, TLS first, then plain HTTP, within {@code timeout} in all. */
    public static Outcome check(InetSocketAddress target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String where = target.getHostString() + ":" + target.getPort();
        try {
            try {
                return judge("https://" + where, overTls(target, deadline));
            } catch (TlsSpoken e) {
                String alert = alert(e.getCause());
                if (e.clientCertificateRequested) {
                    return new Outcome(true, "alive: https://" + where + " demands a client certificate (mutual TLS"
                            + (alert == null ? "" : "; TLS alert " + alert) + ")");
                }
                return new Outcome(false, "unhealthy: https://" + where + ": " + (alert != null
                        ? "the server refused the TLS connection (" + alert + ")" : e.getCause().toString()));
            } catch (ConnectException | SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                // No TLS (the server hung up on the handshake, reset it, or answered in plain text):
                // the exporter serves plain HTTP.
                return judge("http://" + where, overPlain(target, deadline));
            }
        } catch (ConnectException e) {
            return new Outcome(false, "unhealthy: nothing listens on " + where + " (" + e.getMessage() + ")");
        } catch (SocketTimeoutException e) {
            return new Outcome(false, "unhealthy: no answer from " + where + " within " + timeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "unhealthy: " + where + ": " + e);
        }
    }

    private static Outcome judge(String url, Answer answer) {
        String asked = "GET " + url + PATH;
        return switch (answer.status()) {
            case 200 -> new Outcome(true, "healthy: " + asked + " answered 200");
            case 401 -> answer.challenge().contains(EXPORTER_REALM)
                    ? new Outcome(true, "alive: " + asked + " answered 401 (basic auth is on; the check sends no password)")
                    : new Outcome(false, "unhealthy: " + asked + " answered 401, but not with the exporter's challenge");
            default -> new Outcome(false, "unhealthy: " + asked + " answered " + answer.status()
                    + (answer.reason().isEmpty() ? "" : ": " + answer.reason()));
        };
    }

    private static Answer overTls(InetSocketAddress target, long deadline) throws IOException {
        Socket raw = connect(target, deadline);
        NoClientCertificate keys = new NoClientCertificate();
        SSLSocket tls;
        try {
            tls = (SSLSocket) tlsContext(keys).getSocketFactory().createSocket(raw, target.getHostString(), target.getPort(), true);
            tls.setSoTimeout(remainingMillis(deadline));
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            raw.close();
            throw e;
        } catch (IOException e) {
            raw.close();
            // An alert or a certificate request: the server speaks TLS, and plain HTTP is no use.
            if (keys.requested || alert(e) != null) {
                throw new TlsSpoken(e, keys.requested);
            }
            throw e;
        }
        try (tls) {
            return exchange(tls, target);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // With TLS 1.3 a server that requires a client certificate refuses only after the client's
            // side of the handshake is done, often before the request is even written.
            throw new TlsSpoken(e, keys.requested);
        }
    }

    private static Answer overPlain(InetSocketAddress target, long deadline) throws IOException {
        try (Socket socket = connect(target, deadline)) {
            socket.setSoTimeout(remainingMillis(deadline));
            return exchange(socket, target);
        }
    }

    private static Socket connect(InetSocketAddress target, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(target, remainingMillis(deadline));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    /** One GET; reads the status, the head and a short body, never waiting for the server to close. */
    private static Answer exchange(Socket socket, InetSocketAddress target) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + hostHeader(target)
                + "\r\nUser-Agent: hafs-training-exporter-healthcheck\r\nAccept: text/plain\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + abbreviate(lines[0]));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + abbreviate(lines[0]));
        }
        String challenge = "";
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("www-authenticate")) {
                challenge = value;
            } else if (name.equals("content-length")) {
                try {
                    length = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    length = 0;
                }
            }
        }
        String reason = "";
        if (status != 200 && length > 0) {
            byte[] body = in.readNBytes(Math.min(length, MAX_REASON_CHARS));
            reason = abbreviate(new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " "));
        }
        return new Answer(status, challenge, reason);
    }

    private static String hostHeader(InetSocketAddress target) {
        String host = target.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + target.getPort();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    throw new EndOfStream();
                }
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("answer head longer than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
    }

    /** The TLS alert the server sent, if the failure was one (e.g. certificate_required), else null. */
    private static String alert(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher matcher = ALERT.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** The server closed the connection before answering: what a plain-HTTP server does with a ClientHello. */
    private static final class EndOfStream extends IOException {
        private static final long serialVersionUID = 1L;

        EndOfStream() {
            super("the server closed the connection without answering");
        }
    }

    /** The server speaks TLS but the request failed; whether it had asked for a client certificate. */
    private static final class TlsSpoken extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean clientCertificateRequested;

        TlsSpoken(IOException cause, boolean clientCertificateRequested) {
            super(cause);
            this.clientCertificateRequested = clientCertificateRequested;
        }
    }

    /**
     * Has no certificate to present, and notes that the server asked for one: the JDK consults the
     * key manager only on a CertificateRequest, whichever alert (if any) the refusal then carries.
     */
    private static final class NoClientCertificate extends X509ExtendedKeyManager {
        private volatile boolean requested;

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            requested = true;
            return null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            requested = true;
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }

    /** Any server certificate: a local liveness check that sends nothing secret need not know the CA. */
    private static SSLContext tlsContext(KeyManager keys) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS in this runtime: " + e.getMessage(), e);
        }
    }
}
