package news.articles.keyed;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under the stack's identifier key: how identifiers derived from personal or
 * guessable data are made (a subscriber's id from the address, the per-network counters from the
 * client IP, the listing cursor's check). Without the key nobody can compute one from an address
 * or IP, so an id seen in a link, a log or a copy of the table cannot be matched to a guess. The
 * key is the stack's secret (Secrets Manager), read once at start-up; each use names its purpose,
 * so one kind of identifier can never stand in for another.
 */
public final class KeyedHash {

    /** The shortest key accepted: 32 characters, as much entropy as the hash's output at least. */
    public static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    private KeyedHash(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The hash under {@code secret}, the key's text as stored (at least {@value #MIN_KEY_LENGTH} characters). */
    public static KeyedHash withKey(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the identifier key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        return new KeyedHash(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The 256-bit HMAC of {@code purpose:text}, unpadded base64url (43 characters). */
    public String hash(String purpose, String text) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(text, "text");
        return BASE64URL.encodeToString(mac().doFinal((purpose + ":" + text).getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            // A Mac is not thread-safe, and a new one costs microseconds: one a call.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** The key is a secret: keep it out of logs. */
    @Override
    public String toString() {
        return "KeyedHash[redacted]";
    }
}
