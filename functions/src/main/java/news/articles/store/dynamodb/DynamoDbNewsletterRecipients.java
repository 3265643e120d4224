package news.articles.store.dynamodb;

import static news.articles.store.dynamodb.SubscriberItems.BY_CONFIRMED;
import static news.articles.store.dynamodb.SubscriberItems.CONFIRMED_FEED;
import static news.articles.store.dynamodb.SubscriberItems.PK;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.newsletter.RecipientDirectory;
import news.articles.subscription.SubscriberStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The newsletter's recipients from the sparse index {@code ByConfirmed} of the Subscribers table
 * (hash key {@code confirmedFeed}, which only confirmed records carry; range key {@code pk}): a
 * Query, never a Scan, in key order. A page continues after the caller's cursor through the key
 * condition {@code pk > :after}, so a cursor is only ever a subscriber id, never a start key we
 * would have to build or trust; DynamoDB's own pages (1 MB) are followed inside one call.
 *
 * <p>An index is eventually consistent: a subscriber confirmed a moment before a page is read may
 * be missing from it, and one who left a moment before may still be on it (the claim of
 * {@link DynamoDbDeliveryLog} checks the record itself before anything is sent).
 */
public final class DynamoDbNewsletterRecipients implements RecipientDirectory {

    private static final AttributeValue CONFIRMED = AttributeValue.fromS(SubscriberStatus.CONFIRMED.name());

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbNewsletterRecipients(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public RecipientPage confirmed(Optional<String> after, int limit) {
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("a page of recipients holds at least one");
        }
        AttributeValue start = after.map(SubscriberItems::keyValue).orElseGet(SubscriberItems::keysStart);
        List<String> ids = new ArrayList<>(limit);
        Map<String, AttributeValue> dynamoDbsNext = null;
        do {
            Map<String, AttributeValue> from = dynamoDbsNext;
            int wanted = limit - ids.size();
            QueryResponse response = DynamoDbErrors.translate("list the confirmed subscribers", () -> dynamoDb.query(request -> request
                    .tableName(tableName)
                    .indexName(BY_CONFIRMED)
                    .keyConditionExpression("#feed = :confirmed AND #pk > :after")
                    .expressionAttributeNames(Map.of("#feed", CONFIRMED_FEED, "#pk", PK))
                    .expressionAttributeValues(Map.of(":confirmed", CONFIRMED, ":after", start))
                    .limit(wanted)
                    // DynamoDB's own continuation, exactly as it gave it: a page of ours can span
                    // several of its pages (1 MB each).
                    .exclusiveStartKey(from)));
            response.items().forEach(item -> ids.add(SubscriberItems.idOf(item)));
            dynamoDbsNext = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (dynamoDbsNext != null && ids.size() < limit);
        // DynamoDB stops at our limit with a LastEvaluatedKey even when nothing follows: "more may follow".
        Optional<String> next = dynamoDbsNext != null && !ids.isEmpty() ? Optional.of(ids.get(ids.size() - 1)) : Optional.empty();
        return new RecipientPage(ids, next);
    }
}
