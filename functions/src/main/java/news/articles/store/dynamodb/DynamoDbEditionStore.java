package news.articles.store.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Editions in the DynamoDB table that template.yaml declares as EditionsTable (see
 * {@link EditionItems} for the items). An edition is written once, with a conditional put, so
 * that of two runs for the same week exactly one stores it and the other reads that one.
 */
public final class DynamoDbEditionStore implements EditionStore {

    /** DynamoDB's page for a Query is 1 MB; an archive page of editions is far below it. */
    public static final int MAX_ARCHIVE_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    public DynamoDbEditionStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Edition> find(EditionId id) {
        Objects.requireNonNull(id, "id");
        GetItemResponse response = DynamoDbErrors.translate("read an edition", () -> dynamoDb.getItem(request -> request
                .tableName(tableName)
                .key(EditionItems.editionKey(id))
                .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(EditionItems.toEdition(response.item()))
                : Optional.empty();
    }

    @Override
    public Optional<Edition> latestBefore(EditionId id) {
        Objects.requireNonNull(id, "id");
        List<Edition> latest = query(Optional.of(id), 1);
        return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
    }

    @Override
    public boolean create(Edition edition) {
        Objects.requireNonNull(edition, "edition");
        try {
            dynamoDb.putItem(request -> request
                    .tableName(tableName)
                    .item(EditionItems.toItem(edition))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Stored already, by another run or by this one whose first answer was lost and the
            // SDK's retry found the item: either way the stored edition is the week's edition.
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("store an edition", e);
        }
    }

    @Override
    public void recordNoEdition(EditionId id, Instant scheduledAt, String reason) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(reason, "reason");
        try {
            dynamoDb.putItem(request -> request
                    .tableName(tableName)
                    .item(EditionItems.toNoEditionItem(id, scheduledAt, reason))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Recorded by an earlier run: the first record stays.
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("record a week without an edition", e);
        }
    }

    @Override
    public List<Edition> archive(Optional<EditionId> before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > MAX_ARCHIVE_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_ARCHIVE_LIMIT);
        }
        return query(before, limit);
    }

    /** Editions newest first, those before {@code before} when given: one Query on the EDITION partition. */
    private List<Edition> query(Optional<EditionId> before, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", EditionItems.PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(EditionItems.EDITION_PK)));
        String condition = "#pk = :pk";
        if (before.isPresent()) {
            condition += " AND #sk < :before";
            names.put("#sk", EditionItems.SK);
            values.put(":before", AttributeValue.fromS(before.get().value()));
        }
        List<Edition> editions = new ArrayList<>(limit);
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit(limit - editions.size());
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = DynamoDbErrors.translate("list editions", () -> dynamoDb.query(request.build()));
            for (Map<String, AttributeValue> item : response.items()) {
                editions.add(EditionItems.toEdition(item));
            }
            // A page stops at 1 MB before it reaches the limit: large editions continue on the next.
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (startKey != null && editions.size() < limit);
        return List.copyOf(editions);
    }
}
