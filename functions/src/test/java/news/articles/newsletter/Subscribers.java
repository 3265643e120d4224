package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStore;
import news.articles.subscription.SubscriberStore.PendingOutcome;

/**
 * Brings subscribers to a state through a {@link SubscriberStore}, as the lifecycle does, for the
 * newsletter's contract tests: signed up at {@link #SIGNED_UP} (confirmation token hash
 * {@code c-first}, unsubscribe link {@code u-first}), confirmed a minute later (welcome link
 * {@code u-welcome}), then unsubscribed or suppressed a minute after that.
 */
public final class Subscribers {

    /** The states a test can bring a subscriber to; {@code NONE} is no record at all. */
    public enum State {
        NONE,
        PENDING,
        CONFIRMED,
        UNSUBSCRIBED,
        SUPPRESSED
    }

    public static final Instant SIGNED_UP = Instant.parse("2026-11-02T08:00:00Z");
    private static final EmailLimits NO_LIMITS = new EmailLimits(Duration.ZERO, Integer.MAX_VALUE);

    private final SubscriberStore store;

    public Subscribers(SubscriberStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A sign-up of {@code email} under {@code id}, with token hashes {@code c-<name>} and {@code u-<name>}. */
    public static PendingSubscription signUp(String id, EmailAddress email, String name, Instant at) {
        Instant tokenExpiresAt = at.plus(Duration.ofHours(48));
        return new PendingSubscription(id, email, "c-" + name, tokenExpiresAt, "u-" + name,
                new Consent(at, "203.0.113.9", "Browser/1.0"), tokenExpiresAt.plus(Duration.ofDays(1)));
    }

    /** Brings the subscriber with this id and address to {@code state}; returns the record, or null for {@code NONE}. */
    public Subscriber bringTo(String id, EmailAddress email, State state) {
        if (state == State.NONE) {
            return null;
        }
        assertEquals(PendingOutcome.CREATED, store.savePending(signUp(id, email, "first", SIGNED_UP), NO_LIMITS).outcome());
        if (state != State.PENDING) {
            assertTrue(store.confirm(id, "c-first", new Consent(SIGNED_UP.plusSeconds(60), "2001:db8::1", "Confirmer/1.0"),
                    "u-welcome"));
        }
        if (state == State.UNSUBSCRIBED) {
            assertTrue(store.unsubscribe(id, "u-welcome", SIGNED_UP.plusSeconds(120)));
        }
        if (state == State.SUPPRESSED) {
            assertTrue(store.suppress(id, email, SIGNED_UP.plusSeconds(120), "BOUNCE"));
        }
        Subscriber stored = store.find(id).orElseThrow();
        assertEquals(state.name(), stored.status().name());
        return stored;
    }

    /** Signs the subscriber up again (after an unsubscribe): pending once more, with links {@code c-again}/{@code u-again}. */
    public void signUpAgain(String id, EmailAddress email, Instant at) {
        assertEquals(PendingOutcome.RENEWED, store.savePending(signUp(id, email, "again", at), NO_LIMITS).outcome());
    }

    /** Confirms a renewed sign-up ({@link #signUpAgain}). */
    public void confirmAgain(String id, Instant at) {
        assertTrue(store.confirm(id, "c-again", new Consent(at, "2001:db8::1", "Confirmer/1.0"), "u-welcome-again"));
    }
}
