package dev.hafs.exporter.http.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys in the forms Go's crypto/tls takes, since operators bring files
 * made for other exporters: PKCS#8 ("PRIVATE KEY"), PKCS#1 RSA ("RSA PRIVATE KEY", what cert-manager
 * writes by default) and SEC1 EC ("EC PRIVATE KEY", what openssl ecparam writes). The JDK reads only
 * PKCS#8, so the other two are wrapped into PKCS#8 first.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ENCRYPTION = oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
    private static final byte[] EC_PUBLIC_KEY = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
    private static final byte[] DER_NULL = {0x05, 0x00};

    private Pem() {
    }

    record Block(String type, byte[] der) {
    }

    static List<Block> blocks(byte[] pem) {
        Matcher matcher = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        List<Block> blocks = new ArrayList<>();
        while (matcher.find()) {
            String body = matcher.group(2);
            if (body.contains("Proc-Type:")) {
                // OpenSSL's legacy encryption puts headers before the base64, which the MIME decoder would skip.
                blocks.add(new Block("ENCRYPTED " + matcher.group(1), new byte[0]));
                continue;
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                blocks.add(new Block("BROKEN " + matcher.group(1), new byte[0]));
            }
        }
        return blocks;
    }

    /** Every certificate in the file, in order: the server's own first, then its intermediates. */
    static List<X509Certificate> certificates(byte[] pem, String key) throws WebConfigException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new WebConfigException(key + ": a certificate in it cannot be parsed (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new WebConfigException(key + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return certificates;
    }

    static PrivateKey privateKey(byte[] pem, String key) throws WebConfigException {
        for (Block block : blocks(pem)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), key);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(sequence(integer0(), sequence(RSA_ENCRYPTION, DER_NULL), octetString(block.der())), key);
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(sequence(integer0(), sequence(EC_PUBLIC_KEY, ecCurve(block.der(), key)),
                            octetString(block.der())), key);
                }
                default -> {
                    if (block.type().contains("ENCRYPTED")) {
                        throw new WebConfigException(key + ": encrypted private keys are not supported;"
                                + " decrypt it with: openssl pkey -in KEY -out KEY.plain");
                    }
                }
            }
        }
        throw new WebConfigException(key + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    private static PrivateKey pkcs8(byte[] der, String key) throws WebConfigException {
        for (String algorithm : List.of("RSA", "EC", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Not this algorithm: PKCS#8 names it only by OID, so the next one is tried.
            }
        }
        throw new WebConfigException(key + ": the private key cannot be read (not RSA, EC or Ed25519)");
    }

    /** The named curve of a SEC1 key: ECPrivateKey ::= SEQUENCE { version, privateKey, [0] parameters, ... }. */
    private static byte[] ecCurve(byte[] sec1, String key) throws WebConfigException {
        try {
            Der outer = new Der(sec1, 0);
            Der field = outer.firstChild();
            while (field != null) {
                if (field.tag() == 0xa0) {
                    Der curve = field.firstChild();
                    return Arrays.copyOfRange(sec1, curve.start(), curve.end());
                }
                field = field.next(outer.end());
            }
        } catch (IndexOutOfBoundsException e) {
            // Falls through to the error below: a truncated or garbled key.
        }
        throw new WebConfigException(key + ": the EC private key names no curve; convert it with:"
                + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8");
    }

    /** One DER element inside {@code data}: where its header starts, where its content starts and ends. */
    private record Der(byte[] data, int start, int contentStart, int end) {
        Der(byte[] data, int start) {
            this(data, start, contentStart(data, start), contentStart(data, start) + length(data, start));
        }

        int tag() {
            return data[start] & 0xff;
        }

        Der firstChild() {
            return contentStart < end ? new Der(data, contentStart) : null;
        }

        Der next(int parentEnd) {
            return end < parentEnd ? new Der(data, end) : null;
        }

        private static int contentStart(byte[] data, int start) {
            int first = data[start + 1] & 0xff;
            return start + 2 + (first < 0x80 ? 0 : first & 0x7f);
        }

        private static int length(byte[] data, int start) {
            int first = data[start + 1] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = length << 8 | data[start + 2 + i] & 0xff;
            }
            return length;
        }
    }

    private static byte[] oid(int... bytes) {
        byte[] der = new byte[bytes.length + 2];
        der[0] = 0x06;
        der[1] = (byte) bytes.length;
        for (int i = 0; i < bytes.length; i++) {
            der[i + 2] = (byte) bytes[i];
        }
        return der;
    }

    private static byte[] integer0() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return element(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return element(0x30, content.toByteArray());
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(tag);
        int length = content.length;
        if (length < 0x80) {
            der.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            der.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                der.write(length >>> (8 * i) & 0xff);
            }
        }
        der.writeBytes(content);
        return der.toByteArray();
    }
}
