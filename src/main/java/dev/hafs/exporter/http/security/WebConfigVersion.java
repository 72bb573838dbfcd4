package dev.hafs.exporter.http.security;

import java.util.Optional;

/**
 * One read of the web config file and the files it names. The fingerprint covers all of their bytes,
 * so a certificate rotated in place is a new version even though the config file did not change.
 */
record WebConfigVersion(WebConfig config, Optional<TlsFiles> tlsFiles, String fingerprint) {
}
