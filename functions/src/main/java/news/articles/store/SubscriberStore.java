package news.articles.store;

import java.time.Instant;
import java.util.Optional;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;

/** Where newsletter subscribers live. Every state change is conditional on the state it starts from. */
public interface SubscriberStore {

    /** Reads the subscriber's latest state (strongly consistent). */
    Optional<Subscriber> find(String id);

    /**
     * Records a sign-up: creates the pending subscriber, or gives a pending or unsubscribed one the
     * new tokens (the old confirmation token stops working; an unsubscribed one is pending again).
     * A confirmed or suppressed subscriber is left untouched. The pending subscriber's unsubscribe
     * token hashes are replaced by the new one: repeated sign-ups must not grow the record, and
     * until it is confirmed only the latest email's link needs to work.
     */
    PendingOutcome savePending(PendingSubscription pending);

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
        SUPPRESSED
    }
}
