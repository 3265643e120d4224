package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import news.articles.subscription.SubscriberStore.EmailReservation;
import news.articles.subscription.SubscriberStore.PendingOutcome;
import news.articles.subscription.SubscriberStore.SavedPending;

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

    /**
     * What recording this sign-up does to the subscriber as read (empty: no record yet): the
     * sign-up rows of the lifecycle table and the per-address email limits, decided here for every
     * {@link SubscriberStore}, which then writes the outcome only if the record is still as read.
     *
     * <ul>
     *   <li>confirmed: {@code ALREADY_CONFIRMED}, suppressed: {@code SUPPRESSED}; nothing is written;
     *   <li>pending or unsubscribed, and emailed within {@code limits.cooldown()} or
     *       {@code limits.perDay()} times on this UTC day, or once already since it last
     *       unsubscribed and within {@code limits.afterUnsubscribe()}: {@code EMAIL_LIMITED};
     *       nothing is written, not even the token, so the link already sent keeps working;
     *   <li>otherwise {@code CREATED} (no record) or {@code RENEWED}: the record becomes pending
     *       with this sign-up's tokens, and reserves one more confirmation email, whose counts are
     *       the ones to write.
     * </ul>
     */
    public SavedPending decide(Optional<Subscriber> asRead, EmailLimits limits) {
        Objects.requireNonNull(asRead, "asRead");
        Objects.requireNonNull(limits, "limits");
        if (asRead.isPresent()) {
            switch (asRead.get().status()) {
                case CONFIRMED -> {
                    return SavedPending.unchanged(PendingOutcome.ALREADY_CONFIRMED);
                }
                case SUPPRESSED -> {
                    return SavedPending.unchanged(PendingOutcome.SUPPRESSED);
                }
                case PENDING, UNSUBSCRIBED -> {
                    // A fresh link, unless the address was emailed too recently: below.
                }
            }
        }
        Optional<ConfirmationEmailCount> previous = asRead.flatMap(Subscriber::confirmationEmails);
        Instant now = requestedAt();
        if (previous.isPresent() && !previous.get().allowAnother(now, limits)) {
            return SavedPending.unchanged(PendingOutcome.EMAIL_LIMITED);
        }
        if (previous.isPresent() && emailedSinceUnsubscribing(asRead.get(), previous.get(), now, limits)) {
            return SavedPending.unchanged(PendingOutcome.EMAIL_LIMITED);
        }
        ConfirmationEmailCount reserved = previous.map(emails -> emails.next(now)).orElseGet(() -> ConfirmationEmailCount.first(now));
        return new SavedPending(asRead.isPresent() ? PendingOutcome.RENEWED : PendingOutcome.CREATED,
                Optional.of(new EmailReservation(tokenHash, reserved, previous)));
    }

    /**
     * After an explicit unsubscribe, one confirmation email per {@code limits.afterUnsubscribe()},
     * whoever asks: true when one already went after the latest unsubscribe and within that time.
     * (Confirming and unsubscribing again starts a new period: only the reader can do that.)
     */
    private static boolean emailedSinceUnsubscribing(Subscriber asRead, ConfirmationEmailCount previous, Instant now,
            EmailLimits limits) {
        if (asRead.unsubscribedAt().isEmpty()) {
            return false;
        }
        long unsubscribed = asRead.unsubscribedAt().get().getEpochSecond();
        long lastSent = previous.lastSentAt().getEpochSecond();
        return lastSent > unsubscribed && lastSent > now.minus(limits.afterUnsubscribe()).getEpochSecond();
    }
}
