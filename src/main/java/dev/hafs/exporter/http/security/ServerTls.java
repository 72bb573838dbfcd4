package dev.hafs.exporter.http.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * One version of tls_server_config made ready for handshakes: a JDK context holding the certificate,
 * key and client CAs, and the handshake policy (versions, cipher suites, client certificates).
 * Each version has its own context, so TLS sessions of an older version are not resumed under a newer one.
 */
record ServerTls(SSLContext context, List<String> protocols, List<String> cipherSuites, List<String> namedGroups,
        boolean preferServerCipherSuites, ClientAuthType clientAuth) {
    /** Go never lets cipher_suites limit TLS 1.3; the JDK would, and TLS 1.3 clients would then fail. */
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** The key store lives in memory only; its password protects nothing and is needed by the API. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    static ServerTls create(TlsServerConfig config, TlsFiles files) throws WebConfigException {
        List<X509Certificate> chain = Pem.certificates(files.certificate(), "tls_server_config.cert_file");
        PrivateKey key = Pem.privateKey(files.privateKey(), "tls_server_config.key_file");
        requireMatch(key, chain.getFirst());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(key, chain), trustManagers(config, files), null);
            return new ServerTls(context, protocols(config, context), cipherSuites(config, context),
                    config.namedGroups(), config.preferServerCipherSuites(), config.clientAuth());
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("tls_server_config: the JDK refused the certificate or key (" + e.getMessage() + ")");
        }
    }

    SSLEngine newEngine(String peerHost, int peerPort) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters());
        return engine;
    }

    /** The handshake policy, new each call: SSLParameters are mutable and engines keep what they are given. */
    SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols.toArray(new String[0]));
        if (!cipherSuites.isEmpty()) {
            parameters.setCipherSuites(cipherSuites.toArray(new String[0]));
        }
        if (!namedGroups.isEmpty()) {
            parameters.setNamedGroups(namedGroups.toArray(new String[0]));
        }
        parameters.setUseCipherSuitesOrder(preferServerCipherSuites);
        if (clientAuth.requiresCertificate()) {
            parameters.setNeedClientAuth(true);
        } else {
            parameters.setWantClientAuth(clientAuth.requestsCertificate());
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
        } catch (InvalidKeyException | java.security.SignatureException e) {
            // A key of another type than the certificate's: the same mismatch as a wrong key.
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("tls_server_config.key_file: " + key.getAlgorithm() + " keys are not supported");
        }
        throw new WebConfigException("tls_server_config.key_file does not match the certificate in cert_file"
                + " (is one of them from an older pair?)");
    }

    private static javax.net.ssl.KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry("server", key, IN_MEMORY, chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, IN_MEMORY);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(TlsServerConfig config, TlsFiles files)
            throws WebConfigException, GeneralSecurityException {
        ClientAuthType clientAuth = config.clientAuth();
        if (!clientAuth.requestsCertificate()) {
            return null;
        }
        if (!clientAuth.verifiesCertificate()) {
            return new TrustManager[] {new TrustAnyClientCertificate()};
        }
        List<X509Certificate> authorities = Pem.certificates(files.clientCas().orElseThrow(),
                "tls_server_config.client_ca_file");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("client-ca-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static List<String> protocols(TlsServerConfig config, SSLContext context) throws WebConfigException {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
        List<String> protocols = Arrays.stream(TlsVersion.values())
                .filter(v -> v.compareTo(config.minVersion()) >= 0 && v.compareTo(config.maxVersion()) <= 0)
                .map(TlsVersion::protocol)
                .filter(supported::contains)
                .toList();
        if (protocols.isEmpty()) {
            throw new WebConfigException("tls_server_config: no TLS version from " + config.minVersion() + " to "
                    + config.maxVersion() + " is available in this Java runtime");
        }
        return protocols;
    }

    /** Empty means the JDK's defaults, as an empty cipher_suites means Go's. */
    private static List<String> cipherSuites(TlsServerConfig config, SSLContext context) throws WebConfigException {
        if (config.cipherSuites().isEmpty()) {
            return List.of();
        }
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>();
        for (String suite : config.cipherSuites()) {
            if (!supported.contains(suite)) {
                throw new WebConfigException("tls_server_config.cipher_suites: unknown cipher \"" + suite + "\"");
            }
            suites.add(suite);
        }
        if (config.maxVersion() == TlsVersion.TLS13) {
            TLS13_SUITES.stream().filter(supported::contains).filter(s -> !suites.contains(s)).forEach(suites::add);
        }
        return List.copyOf(suites);
    }
}
