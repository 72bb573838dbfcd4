package dev.hafs.exporter.http.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP basic authentication against basic_auth_users' bcrypt hashes.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at cost 10), and Prometheus sends the same
 * credentials with every scrape. So once a password has passed bcrypt for a user, an HMAC of it under
 * a random per-process key is kept for that user, and later requests are compared against it in
 * constant time. Only passwords that passed are kept, one per user, so wrong guesses neither grow the
 * cache nor skip bcrypt; the HMAC is useless outside this process. A new config version gets a new
 * authenticator, so a changed or removed user's old password stops working at once.
 */
final class BasicAuthenticator {
    // Without a long-password strategy the library uses the first 72 bytes, as htpasswd did when it hashed.
    private static final BCrypt.Verifyer BCRYPT = BCrypt.verifyer(BCrypt.Version.VERSION_2Y, LongPasswordStrategies.none());
    /** The decoy is made at load; beyond this cost (about a second) that would stall the start for nothing. */
    private static final int MAX_DECOY_COST = 14;

    private record Credentials(String user, String password) {
    }

    private final Map<String, byte[]> hashes;
    /** An unknown user is checked against this, so the response time does not tell which users exist. */
    private final byte[] unknownUserHash;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec cacheKey;
    /** bcrypt runs one at a time, as in the toolkit: a flood of wrong passwords cannot take every core. */
    private final Semaphore bcryptTurn = new Semaphore(1, true);

    BasicAuthenticator(Map<String, String> users) {
        Map<String, byte[]> bytes = new HashMap<>();
        int cost = BCrypt.MIN_COST;
        for (Map.Entry<String, String> user : users.entrySet()) {
            byte[] hash = user.getValue().getBytes(StandardCharsets.UTF_8);
            bytes.put(user.getKey(), hash);
            cost = Math.max(cost, Math.min(MAX_DECOY_COST, costOf(hash)));
        }
        this.hashes = Map.copyOf(bytes);
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.cacheKey = new SecretKeySpec(secret, "HmacSHA256");
        byte[] decoy = new byte[16];
        random.nextBytes(decoy);
        this.unknownUserHash = users.isEmpty() ? new byte[0]
                : BCrypt.with(BCrypt.Version.VERSION_2Y, random, LongPasswordStrategies.none()).hash(cost, decoy);
    }

    boolean enabled() {
        return !hashes.isEmpty();
    }

    int userCount() {
        return hashes.size();
    }

    /** Whether an Authorization header value carries the password of a configured user. */
    boolean authenticates(Optional<String> authorization) {
        Optional<Credentials> credentials = authorization.flatMap(BasicAuthenticator::decode);
        if (credentials.isEmpty()) {
            return false;
        }
        String user = credentials.get().user();
        byte[] password = credentials.get().password().getBytes(StandardCharsets.UTF_8);
        byte[] hash = hashes.get(user);
        byte[] tag = tag(user, password);
        if (hash != null) {
            byte[] known = verified.get(user);
            if (known != null && MessageDigest.isEqual(known, tag)) {
                return true;
            }
        }
        boolean matches = bcrypt(password, hash == null ? unknownUserHash : hash) && hash != null;
        if (matches) {
            verified.put(user, tag);
        }
        return matches;
    }

    private boolean bcrypt(byte[] password, byte[] hash) {
        try {
            bcryptTurn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return BCRYPT.verify(password, hash).verified;
        } finally {
            bcryptTurn.release();
        }
    }

    private byte[] tag(String user, byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** "Basic base64(user:password)", the scheme name in any case (RFC 7617); anything else is no credentials. */
    private static Optional<Credentials> decode(String header) {
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    private static int costOf(byte[] hash) {
        try {
            return BCrypt.Version.VERSION_2Y.parser.parse(hash).cost;
        } catch (IllegalBCryptFormatException e) {
            throw new IllegalArgumentException("WebConfigParser lets only bcrypt hashes through", e);
        }
    }
}
