package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where newsletter subscribers live. The rules are the domain's ({@link PendingSubscription#decide},
 * the preconditions on {@link Subscriber}, {@link SubscriberStatus}); a store applies them
 * atomically: every change is made only if its precondition holds on the record at the moment of
 * the write, so concurrent requests cannot undo each other. {@code SubscriberStoreContract} (in
 * the tests) holds every store to this.
 */
public interface SubscriberStore {

    /** Reads the subscriber's latest state (strongly consistent). */
    Optional<Subscriber> find(String id);

    /**
     * Records a sign-up as {@link PendingSubscription#decide} says for the record as read, and
     * returns that decision: when it is {@code CREATED} or {@code RENEWED}, the record is now
     * pending with the sign-up's tokens (the old confirmation token stops working; the
     * unsubscribe token hashes, the newsletter's among them, are replaced by the new one, so
     * repeated sign-ups cannot grow the record), its consent record, the reserved email counts and an expiry; otherwise nothing
     * changed. The write happens only if the record is still as read, so of concurrent sign-ups
     * for one address one writes and the others see its email counts. A store that keeps losing
     * that race may stop and answer {@code EMAIL_LIMITED}: another sign-up is being recorded,
     * and it sends the email.
     */
    SavedPending savePending(PendingSubscription pending, EmailLimits limits);

    /**
     * Gives back a confirmation email reserved by {@link #savePending} whose send failed, so the
     * failure does not use up the cooldown: restores the previous counts (or none) if the record
     * {@linkplain EmailReservation#isHeldBy still holds} the ones this reservation wrote and its
     * token; false otherwise, changing nothing, so a later sign-up's reservation is never undone.
     */
    boolean releaseConfirmationEmail(String id, EmailReservation reservation);

    /**
     * Marks the subscriber confirmed if it {@linkplain Subscriber#isPendingWith is pending with
     * this token hash}; false otherwise (confirmed or unsubscribed meanwhile, a newer token
     * issued, no record), changing nothing. The hash stays on the record, so that the same link
     * clicked again is recognised as already confirmed. The consent record of the confirmation is
     * kept, {@code unsubscribeTokenHash} is added for the welcome email's link, and the record no
     * longer expires.
     */
    boolean confirm(String id, String tokenHash, Consent confirmation, String unsubscribeTokenHash);

    /**
     * Marks the subscriber unsubscribed if it {@linkplain Subscriber#isUnsubscribableWith is pending
     * or confirmed and one of its emails carried this unsubscribe token}; false otherwise. Its
     * confirmation token is removed, so a confirmation racing this one fails; its unsubscribe
     * token hashes stay, so the same link used again is recognised; the record no longer expires.
     */
    boolean unsubscribe(String id, String unsubscribeTokenHash, Instant unsubscribedAt);

    /**
     * Records that a confirmed subscriber is being sent an "already subscribed" note, if it
     * {@linkplain Subscriber#isDueAlreadySubscribedNote is due one} (confirmed, none sent after
     * {@code notSince}); false otherwise, and then no note is sent. {@code sentAt} is kept to the
     * whole second; {@code unsubscribeTokenHash} is added for the note's link.
     */
    boolean recordAlreadySubscribedNote(String id, Instant sentAt, Instant notSince, String unsubscribeTokenHash);

    /**
     * Marks the address suppressed, whatever its state ({@link SubscriberStatus#suppressible}),
     * creating a record when there is none; false when it already was. Its confirmation token is
     * removed and the record no longer expires; the rest of its history stays.
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

        /**
         * Whether the record still holds this reservation, so that releasing it gives back this
         * email and no other: its token and its counts are the ones the sign-up wrote.
         */
        public boolean isHeldBy(Subscriber subscriber) {
            return subscriber.confirmTokenHash().equals(Optional.of(tokenHash))
                    && subscriber.confirmationEmails().equals(Optional.of(reserved));
        }
    }
}
