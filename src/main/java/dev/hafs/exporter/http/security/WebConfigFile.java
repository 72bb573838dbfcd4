package dev.hafs.exporter.http.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Reads --web.config.file and every file it names, each at most 1 MiB (they are a few KiB at most). */
final class WebConfigFile {
    private static final int MAX_BYTES = 1 << 20;

    /**
     * One read of the file and the files it names. The fingerprint covers all of their bytes, so a
     * certificate rotated in place is a new version even though the config file did not change.
     */
    record Version(WebConfig config, Optional<TlsFiles> tlsFiles, String fingerprint) {
    }

    /** The bytes tls_server_config names, read with the config: what is checked is what is served. */
    record TlsFiles(byte[] certificate, byte[] privateKey, Optional<byte[]> clientCas) {
    }

    private final Path path;

    WebConfigFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    Version read() throws WebConfigException {
        MessageDigest digest = sha256();
        byte[] yaml = read(path, null);
        digest.update(yaml);
        WebConfig config = WebConfigParser.parse(yaml, path.toAbsolutePath().getParent());
        Optional<TlsFiles> tlsFiles = Optional.empty();
        if (config.tls().isPresent()) {
            TlsServerConfig tls = config.tls().get();
            byte[] certificate = read(tls.certFile(), "tls_server_config.cert_file");
            byte[] key = read(tls.keyFile(), "tls_server_config.key_file");
            Optional<byte[]> clientCas = Optional.empty();
            if (tls.clientCaFile().isPresent()) {
                clientCas = Optional.of(read(tls.clientCaFile().get(), "tls_server_config.client_ca_file"));
            }
            // Lengths go in too, so that moving bytes from one file to the next is still a change.
            for (byte[] part : new byte[][] {certificate, key, clientCas.orElse(new byte[0])}) {
                digest.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
                digest.update(part);
            }
            tlsFiles = Optional.of(new TlsFiles(certificate, key, clientCas));
        }
        return new Version(config, tlsFiles, HexFormat.of().formatHex(digest.digest()));
    }

    /** {@code key} names the setting that points at the file, null for the config file itself. */
    private static byte[] read(Path file, String key) throws WebConfigException {
        String where = key == null ? "" : key + ": ";
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new WebConfigException(where + file + " is larger than 1 MiB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new WebConfigException(where + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new WebConfigException(where + file + " is not readable (permission denied)");
        } catch (IOException e) {
            throw new WebConfigException(where + "cannot read " + file + " (" + e + ")");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
