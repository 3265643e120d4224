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
}
