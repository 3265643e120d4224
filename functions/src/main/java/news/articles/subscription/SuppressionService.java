package news.articles.subscription;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import news.articles.keyed.KeyedHash;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;

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
    private final BusinessMetrics metrics;

    /**
     * A service that counts nothing ({@link #withMetrics} for one that does). {@code identifiers}:
     * the stack's identifier key, which finds the address's record ({@link SubscriberId}).
     */
    public SuppressionService(SubscriberStore store, KeyedHash identifiers, Clock clock) {
        this(store, identifiers, clock, BusinessMetrics.NONE);
    }

    private SuppressionService(SubscriberStore store, KeyedHash identifiers, Clock clock, BusinessMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The same service, counting the addresses it newly suppresses, by reason, into {@code metrics}. */
    public SuppressionService withMetrics(BusinessMetrics metrics) {
        return new SuppressionService(store, identifiers, clock, metrics);
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
        boolean newly = store.suppress(id, email.get(), clock.instant(), reason.name());
        if (newly) {
            metrics.count(reason == Reason.BOUNCE ? BusinessMetric.SUPPRESSIONS_BOUNCE : BusinessMetric.SUPPRESSIONS_COMPLAINT);
        }
        return newly;
    }
}
