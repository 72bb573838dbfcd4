package dev.hafs.exporter.http.security;

import io.helidon.common.tls.TlsClientAuth;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * client_auth_type with Go's crypto/tls meaning (so one web config file works for every exporter):
 * Helidon's client-auth mode, and whether a certificate must chain to client_ca_file.
 */
public enum ClientAuthType {
    NO_CLIENT_CERT(TlsClientAuth.NONE, false),
    REQUEST_CLIENT_CERT(TlsClientAuth.OPTIONAL, false),
    REQUIRE_ANY_CLIENT_CERT(TlsClientAuth.REQUIRED, false),
    VERIFY_CLIENT_CERT_IF_GIVEN(TlsClientAuth.OPTIONAL, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT(TlsClientAuth.REQUIRED, true);

    final TlsClientAuth mode;
    final boolean verifies;

    ClientAuthType(TlsClientAuth mode, boolean verifies) {
        this.mode = mode;
        this.verifies = verifies;
    }

    /** Go's name: REQUIRE_ANY_CLIENT_CERT is RequireAnyClientCert. */
    public String configName() {
        return Arrays.stream(name().split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }

    static ClientAuthType byConfigName(String name) throws WebConfigException {
        // "RequireClientCert" is the toolkit's old spelling of RequireAnyClientCert, still accepted there.
        String current = name.equals("RequireClientCert") ? REQUIRE_ANY_CLIENT_CERT.configName() : name;
        return Arrays.stream(values()).filter(type -> type.configName().equals(current)).findFirst()
                .orElseThrow(() -> new WebConfigException("tls_server_config.client_auth_type: \"" + name + "\" is not one of "
                        + Arrays.stream(values()).map(ClientAuthType::configName).collect(Collectors.joining(", "))));
    }
}
