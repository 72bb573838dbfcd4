package dev.hafs.exporter.http.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.hafs.exporter.http.security.WebSecurity.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP basic authentication against basic_auth_users' bcrypt hashes.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at cost 10), and Prometheus sends the same
 * credentials with every scrape. So a check's outcome is remembered as an HMAC of user and password
 * under a random per-process key (useless outside this process): per user, the one password that
 * passed, compared in constant time; and the last {@value #FAILURES_REMEMBERED} that failed, so a
 * client repeating a wrong password costs no bcrypt either. Every other check runs bcrypt, one at a
 * time as in the toolkit (a flood cannot take every core), with at most {@value #MAX_WAITING} waiting
 * for their turn, each at most {@link #MAX_WAIT}: beyond that a check is answered BUSY at once, so a
 * flood of new wrong passwords delays a right one by a few bcrypt runs, not by the flood's length.
 * An unknown user is checked against a decoy hash, so response times do not tell which users exist.
 * A new config version gets a new authenticator, so a changed password stops working at once.
 */
final class BasicAuthenticator {
    // Without a long-password strategy the library uses the first 72 bytes, as htpasswd did when it hashed.
    private static final BCrypt.Verifyer BCRYPT = BCrypt.verifyer(BCrypt.Version.VERSION_2Y, LongPasswordStrategies.none());
    /** The decoy is made at load; beyond this cost (about a second) that would stall the start for nothing. */
    private static final int MAX_DECOY_COST = 14;
    static final int MAX_WAITING = 4;
    static final Duration MAX_WAIT = Duration.ofSeconds(1);
    static final int FAILURES_REMEMBERED = 1024;

    private record Credentials(String user, String password) {
    }

    private final Map<String, byte[]> hashes;
    /** An unknown user is checked against this, so the response time does not tell which users exist. */
    private final byte[] unknownUserHash;
    private final SecretKeySpec tagKey;
    private final Map<String, byte[]> passed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > FAILURES_REMEMBERED;
        }
    };
    private final Semaphore bcryptTurn = new Semaphore(1, true);
    private final AtomicInteger inBcrypt = new AtomicInteger();

    BasicAuthenticator(Map<String, String> users) {
        Map<String, byte[]> bytes = new HashMap<>();
        int cost = BCrypt.MIN_COST;
        for (Map.Entry<String, String> user : users.entrySet()) {
            byte[] hash = user.getValue().getBytes(StandardCharsets.UTF_8);
            bytes.put(user.getKey(), hash);
            try {
                cost = Math.max(cost, Math.min(MAX_DECOY_COST, BCrypt.Version.VERSION_2Y.parser.parse(hash).cost));
            } catch (IllegalBCryptFormatException e) {
                throw new IllegalArgumentException("WebConfigParser lets only bcrypt hashes through", e);
            }
        }
        this.hashes = Map.copyOf(bytes);
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.tagKey = new SecretKeySpec(secret, "HmacSHA256");
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
    Verdict check(Optional<String> authorization) {
        Optional<Credentials> credentials = authorization.flatMap(BasicAuthenticator::decode);
        if (credentials.isEmpty()) {
            return Verdict.REFUSED;
        }
        String user = credentials.get().user();
        byte[] password = credentials.get().password().getBytes(StandardCharsets.UTF_8);
        byte[] hash = hashes.get(user);
        byte[] tag = tag(user, password);
        byte[] known = passed.get(user);
        if (hash != null && known != null && MessageDigest.isEqual(known, tag)) {
            return Verdict.ACCEPTED;
        }
        String failure = Base64.getEncoder().encodeToString(tag);
        if (failedLately(failure)) {
            return Verdict.REFUSED;
        }
        Optional<Boolean> matches = bcrypt(password, hash == null ? unknownUserHash : hash, failure);
        if (matches.isEmpty()) {
            return Verdict.BUSY;
        }
        if (matches.get() && hash != null) {
            passed.put(user, tag);
            return Verdict.ACCEPTED;
        }
        synchronized (failed) {
            failed.put(failure, Boolean.TRUE);
        }
        return Verdict.REFUSED;
    }

    private boolean failedLately(String failure) {
        synchronized (failed) {
            return failed.containsKey(failure);
        }
    }

    /** Empty when the queue for bcrypt is full or the turn does not come in time. */
    private Optional<Boolean> bcrypt(byte[] password, byte[] hash, String failure) {
        try {
            if (inBcrypt.incrementAndGet() > MAX_WAITING + 1
                    || !bcryptTurn.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            try {
                // The same wrong password may have been checked while this one waited for its turn.
                return Optional.of(!failedLately(failure) && BCRYPT.verify(password, hash).verified);
            } finally {
                bcryptTurn.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            inBcrypt.decrementAndGet();
        }
    }

    private byte[] tag(String user, byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(tagKey);
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
}
