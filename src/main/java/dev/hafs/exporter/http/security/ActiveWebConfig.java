package dev.hafs.exporter.http.security;

import java.util.Map;
import java.util.Optional;

/** The version of the web config file in force, built: what handshakes and requests are checked against. */
record ActiveWebConfig(Optional<ServerTls> tls, BasicAuthenticator authenticator, Map<String, String> headers,
        String fingerprint) {

    static final ActiveWebConfig NONE = new ActiveWebConfig(Optional.empty(), new BasicAuthenticator(Map.of()), Map.of(), "");

    static ActiveWebConfig build(WebConfigVersion version) throws WebConfigException {
        Optional<ServerTls> tls = Optional.empty();
        if (version.config().tls().isPresent()) {
            tls = Optional.of(ServerTls.create(version.config().tls().get(), version.tlsFiles().orElseThrow()));
        }
        return new ActiveWebConfig(tls, new BasicAuthenticator(version.config().basicAuthUsers()),
                version.config().headers(), version.fingerprint());
    }
}
