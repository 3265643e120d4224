package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Where newsletter subscribers live. Every state change is conditional on the state it starts from. */
public interface SubscriberStore {

    /** Reads the subscriber's latest state (strongly consistent). */
    Optional<Subscriber> find(String id);

    /**
     * Records a sign-up as {@link PendingSubscription#decide} says for the record as read, and
     * returns that decision: when it is {@code CREATED} or {@code RENEWED}, the record is now
     * pending with the sign-up's tokens (the old confirmation token stops working; the
     * unsubscribe token hashes are replaced by the new one, so repeated sign-ups cannot grow the
     * record), its consent record, the reserved email counts and an expiry; otherwise nothing
     * changed. The write happens only if the record is still as read, so of concurrent sign-ups
     * for one address one writes and the others see its email counts. A store that keeps losing
     * that race may stop and answer {@code EMAIL_LIMITED}: another sign-up is being recorded,
     * and it sends the email.
     */
    SavedPending savePending(PendingSubscription pending, EmailLimits limits);

    /**
     * Gives back a confirmation email reserved by {@link #savePending} whose send failed, so the
     * failure does not use up the cooldown: restores the previous counts if the record still
     * holds the ones this reservation wrote (and its token); false otherwise, changing nothing.
     */
    boolean releaseConfirmationEmail(String id, EmailReservation reservation);

    /**
     * Marks the subscriber confirmed if it is still pending with this token hash; false when it
     * no longer is (confirmed or unsubscribed meanwhile, or a newer token was issued). The hash
     * stays on the record, so that the same link clicked again is recognised as already
     * confirmed. The consent record of the confirmation is kept; {@code unsubscribeTokenHash} is
     * added for the welcome email's link.
     */
    boolean confirm(String id, String tokenHash, Consent confirmation, String unsubscribeTokenHash);

    /**
     * Marks the subscriber unsubscribed if it is pending or confirmed and one of its emails
     * carried this unsubscribe token; false otherwise. Its confirmation token stops working, and
     * the record no longer expires.
     */
    boolean unsubscribe(String id, String unsubscribeTokenHash, Instant unsubscribedAt);

    /**
     * Records that a confirmed subscriber is being sent an "already subscribed" note, if it is
     * still confirmed and was sent none since {@code notSince}; false otherwise, and then no note
     * is sent. {@code unsubscribeTokenHash} is added for the note's link.
     */
    boolean recordAlreadySubscribedNote(String id, Instant sentAt, Instant notSince, String unsubscribeTokenHash);

    /**
     * Marks the address suppressed, whatever its state, creating a record when there is none;
     * false when it already was. Its confirmation token stops working and the record no longer
     * expires.
     */
    boolean suppress(String id, EmailAddress email, Instant suppressedAt, String reason);

    /** What {@link #savePending} found. */
    enum PendingOutcome {
        CREATED,
        RENEWED,
        ALREADY_CONFIRMED,
        SUPPRESSED,
        /** Pending or unsubscribed, but emailed within the cooldown or up to the day's cap: nothing changed. */
        EMAIL_LIMITED
    }

    /** What {@link #savePending} did, and the confirmation email it reserved, if it wrote. */
    record SavedPending(PendingOutcome outcome, Optional<EmailReservation> reservation) {
        public SavedPending {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reservation, "reservation");
        }

        /** An outcome that wrote nothing. */
        public static SavedPending unchanged(PendingOutcome outcome) {
            return new SavedPending(outcome, Optional.empty());
        }
    }

    /**
     * A confirmation email reserved by a sign-up: the token hash and email counts it wrote, and
     * the counts it replaced (none for an address never sent one).
     */
    record EmailReservation(String tokenHash, ConfirmationEmailCount reserved, Optional<ConfirmationEmailCount> previous) {
        public EmailReservation {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(reserved, "reserved");
            Objects.requireNonNull(previous, "previous");
        }
    }
}
