package news.articles.subscription;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
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
    private final Clock clock;
    private final BusinessMetrics metrics;

    /** A service that counts nothing ({@link #withMetrics} for one that does). */
    public SuppressionService(SubscriberStore store, Clock clock) {
        this(store, clock, BusinessMetrics.NONE);
    }

    private SuppressionService(SubscriberStore store, Clock clock, BusinessMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The same service, counting the addresses it newly suppresses, by reason, into {@code metrics}. */
    public SuppressionService withMetrics(BusinessMetrics metrics) {
        return new SuppressionService(store, clock, metrics);
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
        boolean newly = store.suppress(SubscriberId.of(email.get()), email.get(), clock.instant(), reason.name());
        if (newly) {
            metrics.count(reason == Reason.BOUNCE ? BusinessMetric.SUPPRESSIONS_BOUNCE : BusinessMetric.SUPPRESSIONS_COMPLAINT);
        }
        return newly;
    }
}
