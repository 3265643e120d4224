package news.articles.subscription;

import java.time.Instant;

/** Counts requests per key in fixed windows. */
public interface RateLimiter {

    /**
     * Counts one request for {@code key} in the window that starts at {@code windowStart}; false,
     * counting nothing, when {@code limit} requests were already counted in it. The count is
     * forgotten some time after {@code windowEnd}.
     */
    boolean tryAcquire(String key, Instant windowStart, Instant windowEnd, int limit);

    /**
     * Gives back one request counted by {@link #tryAcquire} for {@code key} in the window that
     * starts at {@code windowStart} (for work that did not happen after all); never counts below
     * zero.
     */
    void release(String key, Instant windowStart);
}
