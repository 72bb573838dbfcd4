package dev.hafs.exporter.http.security;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and keys through Helidon's reader, in the forms Go's crypto/tls takes, since
 * operators bring files made for other exporters: PKCS#8, PKCS#1 RSA, and SEC1 EC ("EC PRIVATE KEY",
 * what cert-manager and openssl ecparam write). Helidon refuses SEC1, so that one is wrapped into
 * PKCS#8 here: the key itself plus the curve it names.
 */
final class PemFiles {
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of the OID id-ecPublicKey, PKCS#8's algorithm for every EC key. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    /** Every certificate in the file, in order: the server's own first, then its intermediates. */
    static List<X509Certificate> certificates(byte[] pem, String key) throws WebConfigException {
        try {
            return Keys.builder().pem(files -> files.certificates(Resource.create(key, pem))).build().certs();
        } catch (RuntimeException e) {
            throw new WebConfigException(key + (e.getCause() == null
                    ? ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it"
                    : ": a certificate in it cannot be parsed (" + e.getCause().getMessage() + ")"));
        }
    }

    static PrivateKey privateKey(byte[] pem, String key) throws WebConfigException {
        Matcher block = KEY_BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        if (!block.find()) {
            throw new WebConfigException(key + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
        }
        // OpenSSL's legacy encryption keeps the type and adds a Proc-Type header instead.
        if (block.group(1).startsWith("ENCRYPTED") || block.group(2).contains("Proc-Type:")) {
            throw new WebConfigException(key + ": encrypted private keys are not supported;"
                    + " decrypt it with: openssl pkey -in KEY -out KEY.plain");
        }
        String onlyTheKey = block.group();
        try {
            if (block.group(1).equals("EC PRIVATE KEY")) {
                byte[] sec1 = Base64.getMimeDecoder().decode(block.group(2));
                return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(sec1)));
            }
            // Only the key's own block: Helidon's reader takes the key's type from the first line it is given.
            return Keys.builder().pem(files -> files.key(Resource.create(key, onlyTheKey))).build().privateKey()
                    .orElseThrow();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new WebConfigException(key + ": the private key cannot be read (not an RSA or EC key, or damaged)");
        }
    }

    /** SEC1's ECPrivateKey ::= SEQUENCE { version, privateKey, [0] the curve's OID, ... } as PKCS#8. */
    private static byte[] pkcs8(byte[] sec1) {
        int field = contentStart(sec1, 0);
        field = end(sec1, field);
        field = end(sec1, field);
        if ((sec1[field] & 0xff) != 0xa0) {
            throw new IllegalArgumentException("the EC private key names no curve");
        }
        int curve = contentStart(sec1, field);
        byte[] algorithm = der(0x30, EC_PUBLIC_KEY, Arrays.copyOfRange(sec1, curve, end(sec1, curve)));
        return der(0x30, new byte[] {0x02, 0x01, 0x00}, algorithm, der(0x04, sec1));
    }

    private static int contentStart(byte[] der, int element) {
        int first = der[element + 1] & 0xff;
        return element + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    private static int end(byte[] der, int element) {
        int first = der[element + 1] & 0xff;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = length << 8 | der[element + 2 + i] & 0xff;
            }
        }
        return contentStart(der, element) + length;
    }

    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(content::writeBytes);
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(tag);
        int length = content.size();
        // DER lengths take as few bytes as they can; a key and its wrapping stay under 64 KiB.
        element.write(length < 0x80 ? length : length < 0x100 ? 0x81 : 0x82);
        if (length >= 0x100) {
            element.write(length >>> 8);
        }
        if (length >= 0x80) {
            element.write(length);
        }
        element.writeBytes(content.toByteArray());
        return element.toByteArray();
    }
}
