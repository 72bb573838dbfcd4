package dev.hafs.exporter.http.security;

import java.util.Arrays;
import java.util.Optional;

/** min_version and max_version as the toolkit spells them, mapped to the JDK's protocol names. */
public enum TlsVersion {
    TLS10("TLSv1"),
    TLS11("TLSv1.1"),
    TLS12("TLSv1.2"),
    TLS13("TLSv1.3");

    private final String protocol;

    TlsVersion(String protocol) {
        this.protocol = protocol;
    }

    public String protocol() {
        return protocol;
    }

    static Optional<TlsVersion> byConfigName(String name) {
        return Arrays.stream(values()).filter(version -> version.name().equals(name)).findFirst();
    }

    static String configNames() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
