package dev.hafs.exporter.http.security;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One version of tls_server_config as Helidon's {@link Tls}: the certificate chain and its key, the
 * client CAs (or any client certificate, for the two modes that do not verify), and the handshake
 * policy as SSLParameters. A running listener takes a new version's key and trust material through
 * {@code WebServer#reloadTls}; its policy stays the one it started with.
 */
final class ServerTls {
    /** Go never lets cipher_suites limit TLS 1.3; the JDK would, and TLS 1.3 clients would then fail. */
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    /**
     * A resumed session skips the client certificate check, and sessions outlive a reload (the listener
     * keeps its SSLContext): after a client CA is replaced, a session made under the old one can be
     * resumed for at most this long.
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    static {
        // Go's servers refuse client-initiated renegotiation; the JDK's accept it unless this is set before
        // its first server handshake (it is read once). An operator's own -D setting is kept.
        if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) {
            System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        }
    }

    private ServerTls() {
    }

    static Tls create(TlsServerConfig config, WebConfigFile.TlsFiles files) throws WebConfigException {
        List<X509Certificate> chain = PemFiles.certificates(files.certificate(), "tls_server_config.cert_file");
        PrivateKey key = PemFiles.privateKey(files.privateKey(), "tls_server_config.key_file");
        requireMatch(key, chain.getFirst());
        TlsConfig.Builder tls = Tls.builder()
                .privateKey(key)
                .privateKeyCertChain(chain)
                .sslParameters(parameters(config))
                .sessionTimeout(SESSION_TIMEOUT);
        if (config.clientAuth().verifies) {
            tls.trust(PemFiles.certificates(files.clientCas().orElseThrow(), "tls_server_config.client_ca_file"));
        } else if (config.clientAuth() != ClientAuthType.NO_CLIENT_CERT) {
            tls.trustAll(true);
        }
        try {
            return tls.build();
        } catch (RuntimeException e) {
            throw new WebConfigException("tls_server_config: the Java runtime refused the certificate or key ("
                    + e.getMessage() + ")");
        }
    }

    private static SSLParameters parameters(TlsServerConfig config) throws WebConfigException {
        SSLParameters supported;
        try {
            supported = SSLContext.getDefault().getSupportedSSLParameters();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has a default TLS context", e);
        }
        SSLParameters parameters = new SSLParameters();
        List<String> protocols = config.protocols().stream().filter(Set.of(supported.getProtocols())::contains).toList();
        if (protocols.isEmpty()) {
            throw new WebConfigException("tls_server_config: none of " + config.protocols() + " is available in this Java runtime");
        }
        parameters.setProtocols(protocols.toArray(new String[0]));
        if (!config.cipherSuites().isEmpty()) {
            Set<String> known = Set.of(supported.getCipherSuites());
            List<String> suites = new ArrayList<>();
            for (String suite : config.cipherSuites()) {
                if (!known.contains(suite)) {
                    throw new WebConfigException("tls_server_config.cipher_suites: unknown cipher \"" + suite + "\"");
                }
                suites.add(suite);
            }
            TLS13_SUITES.stream().filter(known::contains).filter(s -> !suites.contains(s)).forEach(suites::add);
            parameters.setCipherSuites(suites.toArray(new String[0]));
        }
        if (!config.namedGroups().isEmpty()) {
            parameters.setNamedGroups(config.namedGroups().toArray(new String[0]));
        }
        parameters.setUseCipherSuitesOrder(config.preferServerCipherSuites());
        switch (config.clientAuth().mode) {
            case REQUIRED -> parameters.setNeedClientAuth(true);
            case OPTIONAL -> parameters.setWantClientAuth(true);
            default -> {
            }
        }
        return parameters;
    }

    /** Go's tls.X509KeyPair refuses a key that does not belong to the certificate; so does this. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate) throws WebConfigException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "hafs-training-exporter key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signer.sign())) {
                return;
            }
        } catch (InvalidKeyException | SignatureException e) {
            // A key of another type than the certificate's: the same mismatch as a wrong key.
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("tls_server_config.key_file: " + key.getAlgorithm() + " keys are not supported");
        }
        throw new WebConfigException("tls_server_config.key_file does not match the certificate in cert_file"
                + " (is one of them from an older pair?)");
    }
}
