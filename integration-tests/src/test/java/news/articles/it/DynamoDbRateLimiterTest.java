package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import news.articles.store.dynamodb.DynamoDbRateLimiter;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fixed-window counters, their limit enforced by DynamoDB's conditional writes (moto). */
@ExtendWith(MotoExtension.class)
class DynamoDbRateLimiterTest {

    private static final Instant HOUR = Instant.parse("2026-11-29T10:00:00Z");

    private DynamoDbRateLimiter limiter;

    @BeforeEach
    void emptyTables(MotoServer moto) {
        SampleSite site = SampleSite.create(moto);
        limiter = new DynamoDbRateLimiter(site.dynamoDb, site.tableNames.get("SubscribersTable"));
    }

    @Test
    void countsUpToTheLimitInAWindowAndAfreshInTheNext() {
        Instant end = HOUR.plus(Duration.ofHours(1));
        assertTrue(limiter.tryAcquire("ip:a", HOUR, end, 2));
        assertTrue(limiter.tryAcquire("ip:a", HOUR, end, 2));
        assertFalse(limiter.tryAcquire("ip:a", HOUR, end, 2));
        assertTrue(limiter.tryAcquire("ip:b", HOUR, end, 2), "another key has its own count");
        assertTrue(limiter.tryAcquire("ip:a", end, end.plus(Duration.ofHours(1)), 2), "the next window starts at zero");
    }
}
