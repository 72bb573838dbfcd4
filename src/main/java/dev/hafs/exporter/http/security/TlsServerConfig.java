package dev.hafs.exporter.http.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** tls_server_config, with its paths already resolved against the config file's directory. */
public record TlsServerConfig(
        Path certFile,
        Path keyFile,
        Optional<Path> clientCaFile,
        ClientAuthType clientAuth,
        TlsVersion minVersion,
        TlsVersion maxVersion,
        List<String> cipherSuites,
        List<String> namedGroups,
        boolean preferServerCipherSuites) {

    public TlsServerConfig {
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
    }
}
