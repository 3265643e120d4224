package news.articles.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import news.articles.subscription.RateLimiter;

/** A {@link RateLimiter} in a map, counting as the DynamoDB one does: never past the limit. */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, Integer> counts = new LinkedHashMap<>();

    @Override
    public boolean tryAcquire(String key, Instant windowStart, Instant windowEnd, int limit) {
        String window = key + "#" + windowStart.getEpochSecond();
        int count = counts.getOrDefault(window, 0);
        if (count >= limit) {
            return false;
        }
        counts.put(window, count + 1);
        return true;
    }

    @Override
    public void release(String key, Instant windowStart) {
        counts.computeIfPresent(key + "#" + windowStart.getEpochSecond(), (window, count) -> count > 0 ? count - 1 : 0);
    }

    /** Every counter key (including its window), as stored now. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }
}
