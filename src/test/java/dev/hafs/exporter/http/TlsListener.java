package dev.hafs.exporter.http;

import dev.hafs.exporter.http.security.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** A web config with TLS made in a test's directory, a client that trusts it, and the first bytes of a handshake. */
record TlsListener(Path webConfig, SSLContext clientTls) {
    static TlsListener create(Path dir) {
        TestPki ca = TestPki.create(dir, "listener");
        ca.server("server");
        try {
            Path webConfig = Files.writeString(dir.resolve("web.yml"), """
                    tls_server_config:
                      cert_file: server.crt
                      key_file: server.key
                    """);
            return new TlsListener(webConfig, TestPki.clientContext(ca.caCertificate(), Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpClient client() {
        return HttpClient.newBuilder().sslContext(clientTls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The first half of a real ClientHello: a handshake that started and will never finish. */
    static byte[] truncatedClientHello() {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), hello);
            return Arrays.copyOf(hello.array(), hello.position() / 2);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
