package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A newsletter subscriber as stored. */
public record Subscriber(
        String id,
        EmailAddress email,
        SubscriberStatus status,
        Optional<String> confirmTokenHash,
        Optional<Instant> confirmTokenExpiresAt,
        Instant createdAt,
        Optional<Instant> confirmedAt) {

    public Subscriber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(confirmTokenHash, "confirmTokenHash");
        Objects.requireNonNull(confirmTokenExpiresAt, "confirmTokenExpiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
