package news.articles.testing;

import news.articles.subscription.RateLimiter;
import news.articles.subscription.RateLimiterContract;

/** The fake the service's tests use keeps the rate limiter contract. */
class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter limiter() {
        return new InMemoryRateLimiter();
    }
}
