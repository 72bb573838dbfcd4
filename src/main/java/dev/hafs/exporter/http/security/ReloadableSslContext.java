package dev.hafs.exporter.http.security;

import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The one SSLContext Helidon's listener gets at start. Each new connection's engine comes from the
 * tls_server_config version current at that moment, so a rotated certificate, a new client CA or a
 * changed policy takes effect at the next handshake: no listener restart, no port rebind, no dropped
 * scrape. (Helidon's own WebServer#reloadTls only swaps key and trust managers, and cannot change the
 * client-auth mode, versions or cipher suites, which are fixed in its Tls at start.)
 */
final class ReloadableSslContext extends SSLContext {
    ReloadableSslContext(Supplier<ServerTls> current) {
        super(new Spi(current), current.get().context().getProvider(), "TLS");
    }

    private static final class Spi extends SSLContextSpi {
        private final Supplier<ServerTls> current;

        Spi(Supplier<ServerTls> current) {
            this.current = current;
        }

        @Override
        protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
            throw new UnsupportedOperationException("initialised from --web.config.file");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return engineCreateSSLEngine(null, -1);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            ServerTls tls = current.get();
            return new PolicySslEngine(tls.newEngine(host, port), tls);
        }

        // Helidon's Tls asks for these once at start but its listener never uses them: it reads and writes
        // through SSLEngines (useNio, the default, is set explicitly). Sockets would not follow reloads.
        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return current.get().context().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return current.get().context().getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return current.get().context().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return current.get().context().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return current.get().parameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return current.get().context().getSupportedSSLParameters();
        }
    }
}
