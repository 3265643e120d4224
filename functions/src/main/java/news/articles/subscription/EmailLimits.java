package news.articles.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a pending address may be sent a confirmation email: at most one per {@code cooldown}
 * and at most {@code perDay} in each UTC day, so the form cannot be used to flood a mailbox.
 */
public record EmailLimits(Duration cooldown, int perDay, Duration afterUnsubscribe) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);
    public static final int DEFAULT_PER_DAY = 5;
    /** After an explicit unsubscribe, one confirmation email per address per this long, whoever asks. */
    public static final Duration DEFAULT_AFTER_UNSUBSCRIBE = Duration.ofDays(30);

    public EmailLimits(Duration cooldown, int perDay) {
        this(cooldown, perDay, DEFAULT_AFTER_UNSUBSCRIBE);
    }

    public EmailLimits {
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
        if (perDay < 1) {
            throw new IllegalArgumentException("perDay must be positive");
        }
        Objects.requireNonNull(afterUnsubscribe, "afterUnsubscribe");
        if (afterUnsubscribe.isNegative()) {
            throw new IllegalArgumentException("afterUnsubscribe must not be negative");
        }
    }
}
