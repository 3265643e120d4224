package news.articles.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import news.articles.error.RejectedException;

/**
 * The token in a confirmation link: {@code <subscriber id>.<secret>}. The id finds the record with
 * a strongly consistent read; the 256-bit secret proves the link came from our email. Only the
 * secret's SHA-256 is stored, so a leaked table confirms nobody.
 */
public record ConfirmationToken(String subscriberId, String secret) {

    private static final int SECRET_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 128;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public ConfirmationToken {
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(secret, "secret");
    }

    public static ConfirmationToken issue(String subscriberId, SecureRandom random) {
        return new ConfirmationToken(subscriberId, newSecret(random));
    }

    /** Parses a token from a link or form; throws a 400 {@code INVALID_TOKEN} when it cannot be one of ours. */
    public static ConfirmationToken parse(String raw) {
        String[] parts = split(raw);
        if (parts == null) {
            throw invalid();
        }
        return new ConfirmationToken(parts[0], parts[1]);
    }

    /** {@code <id>.<secret>}, both base64url, as {@code [id, secret]}; null when {@code raw} is not shaped so. */
    static String[] split(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        int dot = raw.indexOf('.');
        if (dot <= 0 || dot == raw.length() - 1 || raw.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        String id = raw.substring(0, dot);
        String secret = raw.substring(dot + 1);
        if (!isBase64Url(id) || !isBase64Url(secret)) {
            return null;
        }
        return new String[] {id, secret};
    }

    static String newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return BASE64URL.encodeToString(secret);
    }

    public static RejectedException invalid() {
        return RejectedException.invalid("INVALID_TOKEN",
                "This confirmation link is not valid. Subscribe again to get a new one.");
    }

    /** What the store keeps and compares. */
    public String secretHash() {
        return hash(secret);
    }

    /** Compares in constant time, so response timing tells nothing about how close a guess was. */
    public boolean matches(String storedHash) {
        return Hashes.equalInConstantTime(storedHash, secretHash());
    }

    public String value() {
        return subscriberId + "." + secret;
    }

    static String hash(String text) {
        try {
            return BASE64URL.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean isBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The secret is a credential: keep it out of logs. */
    @Override
    public String toString() {
        return "ConfirmationToken[redacted]";
    }
}
