package news.articles.store.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import news.articles.subscription.RateLimiter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed-window counters as items of the Subscribers table ({@code pk = LIMIT#<key>#<window start>}),
 * each one conditional {@code UpdateItem}, so concurrent requests never count past the limit. The
 * items carry {@code expiresAt}, so DynamoDB's TTL removes them after their window.
 */
public final class DynamoDbRateLimiter implements RateLimiter {

    /** How long a counter outlives its window: TTL deletes late, and nothing reads old windows anyway. */
    private static final Duration KEEP = Duration.ofHours(1);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public boolean tryAcquire(String key, Instant windowStart, Instant windowEnd, int limit) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(Map.of(SubscriberItems.PK, AttributeValue.fromS("LIMIT#" + key + "#" + windowStart.getEpochSecond())))
                    .updateExpression("SET #expiresAt = :expiresAt ADD #count :one")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", "count", "#expiresAt", SubscriberItems.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":expiresAt", SubscriberItems.epochSeconds(windowEnd.plus(KEEP)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("count a request", e);
        }
    }

    @Override
    public void release(String key, Instant windowStart) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(Map.of(SubscriberItems.PK, AttributeValue.fromS("LIMIT#" + key + "#" + windowStart.getEpochSecond())))
                    .updateExpression("ADD #count :minusOne")
                    .conditionExpression("#count > :zero")
                    .expressionAttributeNames(Map.of("#count", "count"))
                    .expressionAttributeValues(Map.of(
                            ":minusOne", AttributeValue.fromN("-1"),
                            ":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException e) {
            // Nothing counted (the counter expired or was never written): nothing to give back.
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("give back a request", e);
        }
    }
}
