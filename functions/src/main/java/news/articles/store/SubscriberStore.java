package news.articles.store;

import java.time.Instant;
import java.util.Optional;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;

/** Where newsletter subscribers live. */
public interface SubscriberStore {

    /** Reads the subscriber's latest state (strongly consistent). */
    Optional<Subscriber> find(String id);

    /**
     * Records a sign-up: creates the pending subscriber, or gives a pending one the new token
     * (the old one stops working). A confirmed subscriber is left untouched.
     */
    PendingOutcome savePending(PendingSubscription pending);

    /**
     * Marks the subscriber confirmed if it is still pending with this token hash; false when it
     * no longer is (confirmed meanwhile, or a newer token was issued). The hash stays on the
     * record, so that the same link clicked again is recognised as already confirmed.
     */
    boolean confirm(String id, String tokenHash, Instant confirmedAt);

    /** What {@link #savePending} found. */
    enum PendingOutcome {
        CREATED,
        RENEWED,
        ALREADY_CONFIRMED
    }
}
