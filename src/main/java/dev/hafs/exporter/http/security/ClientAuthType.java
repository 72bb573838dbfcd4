package dev.hafs.exporter.http.security;

import java.util.Arrays;
import java.util.Optional;

/** client_auth_type, with Go's crypto/tls names and meaning, so one web config file works for every exporter. */
public enum ClientAuthType {
    NO_CLIENT_CERT("NoClientCert", false, false, false),
    REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true, true);

    private final String configName;
    private final boolean requests;
    private final boolean requires;
    private final boolean verifies;

    ClientAuthType(String configName, boolean requests, boolean requires, boolean verifies) {
        this.configName = configName;
        this.requests = requests;
        this.requires = requires;
        this.verifies = verifies;
    }

    public String configName() {
        return configName;
    }

    /** The server asks for a client certificate in the handshake. */
    public boolean requestsCertificate() {
        return requests;
    }

    /** The handshake fails without a client certificate. */
    public boolean requiresCertificate() {
        return requires;
    }

    /** A client certificate that is sent must chain to client_ca_file. */
    public boolean verifiesCertificate() {
        return verifies;
    }

    static Optional<ClientAuthType> byConfigName(String name) {
        // "RequireClientCert" is the toolkit's old spelling of RequireAnyClientCert, still accepted there.
        if (name.equals("RequireClientCert")) {
            return Optional.of(REQUIRE_ANY_CLIENT_CERT);
        }
        return Arrays.stream(values()).filter(type -> type.configName.equals(name)).findFirst();
    }

    static String configNames() {
        return String.join(", ", Arrays.stream(values()).map(ClientAuthType::configName).toList());
    }
}
