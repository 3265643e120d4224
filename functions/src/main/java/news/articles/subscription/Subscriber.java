package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A newsletter subscriber as stored. {@code unsubscribeTokenHashes} holds the hash of the
 * unsubscribe token of every email sent to it, so the link in any of them keeps working;
 * {@code signUp} and {@code confirmation} are the consent record of the latest sign-up and of the
 * confirmation; {@code confirmationEmails} counts the confirmation emails, for the per-address
 * limits (empty for an address never sent one, or whose only one was given back).
 */
public record Subscriber(
        String id,
        EmailAddress email,
        SubscriberStatus status,
        Optional<String> confirmTokenHash,
        Optional<Instant> confirmTokenExpiresAt,
        Set<String> unsubscribeTokenHashes,
        Instant createdAt,
        Optional<Instant> confirmedAt,
        Optional<Instant> unsubscribedAt,
        Optional<Instant> alreadySubscribedNoteAt,
        Optional<Consent> signUp,
        Optional<Consent> confirmation,
        Optional<ConfirmationEmailCount> confirmationEmails) {

    public Subscriber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(confirmTokenHash, "confirmTokenHash");
        Objects.requireNonNull(confirmTokenExpiresAt, "confirmTokenExpiresAt");
        unsubscribeTokenHashes = Set.copyOf(Objects.requireNonNull(unsubscribeTokenHashes, "unsubscribeTokenHashes"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(unsubscribedAt, "unsubscribedAt");
        Objects.requireNonNull(alreadySubscribedNoteAt, "alreadySubscribedNoteAt");
        Objects.requireNonNull(signUp, "signUp");
        Objects.requireNonNull(confirmation, "confirmation");
        Objects.requireNonNull(confirmationEmails, "confirmationEmails");
    }
}
