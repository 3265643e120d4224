package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign-up to record: who, the hashes of the confirmation and unsubscribe tokens just issued,
 * and when things expire.
 */
public record PendingSubscription(
        String id,
        EmailAddress email,
        String tokenHash,
        Instant tokenExpiresAt,
        String unsubscribeTokenHash,
        Instant requestedAt,
        Instant recordExpiresAt) {

    public PendingSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(unsubscribeTokenHash, "unsubscribeTokenHash");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(recordExpiresAt, "recordExpiresAt");
    }
}
