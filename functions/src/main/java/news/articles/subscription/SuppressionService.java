package news.articles.subscription;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import news.articles.keyed.KeyedHash;

/**
 * Suppresses the addresses that SES reports as hard-bounced or complaining: they get no more
 * mail, whatever their state was, and signing them up again sends nothing.
 */
public final class SuppressionService {

    /** Why an address is suppressed, as stored. */
    public enum Reason {
        BOUNCE,
        COMPLAINT
    }

    private final SubscriberStore store;
    private final KeyedHash identifiers;
    private final Clock clock;

    /** {@code identifiers}: the stack's identifier key, which finds the address's record ({@link SubscriberId}). */
    public SuppressionService(SubscriberStore store, KeyedHash identifiers, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Suppresses the address; true when it was not suppressed before. An address that cannot be
     * one we sent to (SES reports what the receiving server said) is skipped: false.
     */
    public boolean suppress(String rawAddress, Reason reason) {
        Objects.requireNonNull(reason, "reason");
        Optional<EmailAddress> email = EmailAddress.tryParse(rawAddress);
        if (email.isEmpty()) {
            return false;
        }
        // A record from before the identifier key is suppressed where it is, so its links and index entry see it.
        String id = SubscriberId.resolve(store, email.get(), identifiers);
        return store.suppress(id, email.get(), clock.instant(), reason.name());
    }
}
