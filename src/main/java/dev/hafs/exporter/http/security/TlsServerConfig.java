package dev.hafs.exporter.http.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * tls_server_config, its paths resolved against the config file's directory and min_version to
 * max_version spelled out as the JDK's protocol names (TLSv1.2, TLSv1.3).
 */
public record TlsServerConfig(Path certFile, Path keyFile, Optional<Path> clientCaFile, ClientAuthType clientAuth,
        List<String> protocols, List<String> cipherSuites, List<String> namedGroups, boolean preferServerCipherSuites) {

    public TlsServerConfig {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
    }

    /** What a listener fixes at its start; only the certificate, key and client CAs can change while it runs. */
    boolean sameHandshakePolicy(TlsServerConfig other) {
        return clientAuth == other.clientAuth && protocols.equals(other.protocols) && cipherSuites.equals(other.cipherSuites)
                && namedGroups.equals(other.namedGroups) && preferServerCipherSuites == other.preferServerCipherSuites;
    }
}
