package news.articles.subscription;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do, run against the in-memory fake and the DynamoDB counters
 * on moto, so that the service's tests on the fake hold for the real one.
 */
public abstract class RateLimiterContract {

    private static final Instant HOUR = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant END = HOUR.plus(Duration.ofHours(1));

    protected abstract RateLimiter limiter();

    @Test
    void countsUpToTheLimitInAWindowAndAfreshInTheNext() {
        RateLimiter limiter = limiter();
        assertTrue(limiter.tryAcquire("ip:a", HOUR, END, 2));
        assertTrue(limiter.tryAcquire("ip:a", HOUR, END, 2));
        assertFalse(limiter.tryAcquire("ip:a", HOUR, END, 2));
        assertTrue(limiter.tryAcquire("ip:b", HOUR, END, 2), "another key has its own count");
        assertTrue(limiter.tryAcquire("ip:a", END, END.plus(Duration.ofHours(1)), 2), "the next window starts at zero");
    }

    @Test
    void aReleaseGivesBackOneRequestOfItsWindowOnly() {
        RateLimiter limiter = limiter();
        assertTrue(limiter.tryAcquire("mailbox:a", HOUR, END, 1));
        assertTrue(limiter.tryAcquire("mailbox:a", END, END.plus(Duration.ofHours(1)), 1));

        limiter.release("mailbox:a", HOUR);

        assertTrue(limiter.tryAcquire("mailbox:a", HOUR, END, 1), "given back");
        assertFalse(limiter.tryAcquire("mailbox:a", HOUR, END, 1), "one, not more");
        assertFalse(limiter.tryAcquire("mailbox:a", END, END.plus(Duration.ofHours(1)), 1), "the other window keeps its count");
    }

    @Test
    void aReleaseNeverCountsBelowZero() {
        RateLimiter limiter = limiter();
        limiter.release("mailbox:never-counted", HOUR);
        assertTrue(limiter.tryAcquire("mailbox:b", HOUR, END, 1));
        limiter.release("mailbox:b", HOUR);
        limiter.release("mailbox:b", HOUR);

        assertTrue(limiter.tryAcquire("mailbox:b", HOUR, END, 1));
        assertFalse(limiter.tryAcquire("mailbox:b", HOUR, END, 1), "two releases of one request gave back one");
        assertTrue(limiter.tryAcquire("mailbox:never-counted", HOUR, END, 1));
        assertFalse(limiter.tryAcquire("mailbox:never-counted", HOUR, END, 1), "a release before any count gives nothing");
    }
}
