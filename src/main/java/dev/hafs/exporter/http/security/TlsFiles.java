package dev.hafs.exporter.http.security;

import java.util.Optional;

/**
 * The bytes of the files tls_server_config names, read once with the config so that what is checked,
 * what is fingerprinted and what is served are the same version.
 */
record TlsFiles(byte[] certificate, byte[] privateKey, Optional<byte[]> clientCas) {
}
