package news.articles.it;

import news.articles.store.dynamodb.DynamoDbRateLimiter;
import news.articles.subscription.RateLimiter;
import news.articles.subscription.RateLimiterContract;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fixed-window counters, their limit and their release enforced by DynamoDB's conditional writes (moto). */
@ExtendWith(MotoExtension.class)
class DynamoDbRateLimiterTest extends RateLimiterContract {

    private DynamoDbRateLimiter limiter;

    @BeforeEach
    void emptyTables(MotoServer moto) {
        SampleSite site = SampleSite.create(moto);
        limiter = new DynamoDbRateLimiter(site.dynamoDb, site.tableNames.get("SubscribersTable"));
    }

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }
}
