package dev.hafs.exporter.http.security;

import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A throwaway certificate authority made with openssl, as an operator would make one: a self-signed CA
 * and certificates it signs for the server (127.0.0.1, localhost) or for clients, in a test's temp dir.
 */
public final class TestPki {
    private static final String P12_PASSWORD = "test";

    public record Issued(Path certificate, Path key, Path p12) {
    }

    private final Path dir;
    private final String name;

    private TestPki(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public static TestPki create(Path dir, String name) {
        TestPki pki = new TestPki(dir, name);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + name + " test CA", "-keyout", pki.caKey().toString(), "-out", pki.caCertificate().toString());
        return pki;
    }

    public Path caCertificate() {
        return dir.resolve(name + "-ca.crt");
    }

    private Path caKey() {
        return dir.resolve(name + "-ca.key");
    }

    public Issued server(String file) {
        return issue(file, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    }

    public Issued client(String file) {
        return issue(file, "extendedKeyUsage=clientAuth\n");
    }

    private Issued issue(String file, String extensions) {
        Path key = dir.resolve(file + ".key");
        Path csr = dir.resolve(file + ".csr");
        Path certificate = dir.resolve(file + ".crt");
        Path extensionFile = dir.resolve(file + ".ext");
        Path p12 = dir.resolve(file + ".p12");
        write(extensionFile, extensions);
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + file,
                "-keyout", key.toString(), "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCertificate().toString(), "-CAkey", caKey().toString(),
                "-CAcreateserial", "-days", "2", "-extfile", extensionFile.toString(), "-out", certificate.toString());
        openssl("pkcs12", "-export", "-in", certificate.toString(), "-inkey", key.toString(), "-out", p12.toString(),
                "-passout", "pass:" + P12_PASSWORD);
        return new Issued(certificate, key, p12);
    }

    /** A client's TLS: trusts only {@code trusted}, and presents {@code identity} when asked, if given. */
    public static SSLContext clientContext(Path trusted, Optional<Issued> identity) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(trusted)) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (identity.isPresent()) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(identity.get().p12())) {
                    keys.load(in, P12_PASSWORD.toCharArray());
                }
                keyManagers = KeyManagerFactory.getInstance("PKIX");
                keyManagers.init(keys, P12_PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : new KeyManager[] {new AlwaysPresent(
                    (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0])}, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JDK's client only sends a certificate whose issuer the server lists as acceptable; a client
     * that sends its certificate anyway is what shows the server really verifies it.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysPresent(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        private String onlyAlias() {
            return keys.getClientAliases("EC", null)[0];
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return onlyAlias();
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return onlyAlias();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, null);
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
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    public static void openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        ExternalTool.Result result = ExternalTool.runProcess(command, null);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
