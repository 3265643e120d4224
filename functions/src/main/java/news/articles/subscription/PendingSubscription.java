package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign-up to record: who, the hashes of the confirmation and unsubscribe tokens just issued,
 * the consent record of the sign-up (when, IP, user agent) and when things expire.
 */
public record PendingSubscription(
        String id,
        EmailAddress email,
        String tokenHash,
        Instant tokenExpiresAt,
        String unsubscribeTokenHash,
        Consent signUp,
        Instant recordExpiresAt) {

    /** When the sign-up was made. */
    public Instant requestedAt() {
        return signUp.at();
    }

    public PendingSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(unsubscribeTokenHash, "unsubscribeTokenHash");
        Objects.requireNonNull(signUp, "signUp");
        Objects.requireNonNull(recordExpiresAt, "recordExpiresAt");
    }
}
