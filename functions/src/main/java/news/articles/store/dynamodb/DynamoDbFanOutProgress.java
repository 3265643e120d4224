package news.articles.store.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutProgress;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * An edition's fan-out progress, as attributes of its item in the table template.yaml declares as
 * EditionsTable (pk {@code EDITION}, sk the edition id): {@code fanOutAfter} (the cursor, absent
 * before the first page), {@code fanOutEnqueued}, {@code fanOutDone} and {@code fanOutUpdatedAt}.
 * Every change is one UpdateItem whose condition is the progress it expects, so two runs of a page
 * cannot both move it; a failed condition returns the item as it is (no second read).
 */
public final class DynamoDbFanOutProgress implements FanOutProgress {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String EDITION_PARTITION = "EDITION";
    static final String AFTER = "fanOutAfter";
    static final String ENQUEUED = "fanOutEnqueued";
    static final String DONE = "fanOutDone";
    static final String UPDATED_AT = "fanOutUpdatedAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbFanOutProgress(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Progress> find(EditionId edition) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(tableName)
                    .key(key(edition)).consistentRead(true)
                    .projectionExpression("#after, #enqueued, #done, #updatedAt")
                    .expressionAttributeNames(names())).item();
            return progress(item);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("read a fan-out's progress", e);
        }
    }

    @Override
    public boolean start(EditionId edition, Instant at) {
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(edition))
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#updatedAt)")
                    .updateExpression("SET #enqueued = :zero, #done = :false, #updatedAt = :at")
                    .expressionAttributeNames(Map.of("#enqueued", ENQUEUED, "#done", DONE, "#updatedAt", UPDATED_AT))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"),
                            ":false", AttributeValue.fromBool(false), ":at", AttributeValue.fromS(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("start a fan-out", e);
        }
    }

    @Override
    public Advance advance(EditionId edition, Optional<String> from, Optional<String> to, int enqueued, Instant at) {
        Map<String, String> names = new HashMap<>(names());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":false", AttributeValue.fromBool(false));
        values.put(":done", AttributeValue.fromBool(to.isEmpty()));
        values.put(":n", AttributeValue.fromN(Integer.toString(enqueued)));
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":at", AttributeValue.fromS(at.toString()));
        String condition = "attribute_exists(pk) AND (attribute_not_exists(#done) OR #done = :false) AND "
                + (from.isEmpty() ? "attribute_not_exists(#after)" : "#after = :from");
        from.ifPresent(value -> values.put(":from", AttributeValue.fromS(value)));
        String update = "SET #enqueued = if_not_exists(#enqueued, :zero) + :n, #done = :done, #updatedAt = :at";
        if (to.isPresent()) {
            update += ", #after = :to";
            values.put(":to", AttributeValue.fromS(to.get()));
        }
        String expression = update;
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(edition))
                    .conditionExpression(condition).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Advance.ADVANCED;
        } catch (ConditionalCheckFailedException e) {
            Optional<Progress> found = e.hasItem() ? progress(e.item()) : find(edition);
            return found.filter(progress -> to.isEmpty() ? progress.done() : !progress.done() && progress.after().equals(to))
                    .map(progress -> Advance.ALREADY_THERE)
                    .orElse(Advance.ELSEWHERE);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("advance a fan-out", e);
        }
    }

    private static Optional<Progress> progress(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(UPDATED_AT)) {
            return Optional.empty();
        }
        return Optional.of(new Progress(
                Optional.ofNullable(item.get(AFTER)).map(AttributeValue::s),
                item.containsKey(ENQUEUED) ? Long.parseLong(item.get(ENQUEUED).n()) : 0,
                item.containsKey(DONE) && Boolean.TRUE.equals(item.get(DONE).bool()),
                Instant.parse(item.get(UPDATED_AT).s())));
    }

    private static Map<String, AttributeValue> key(EditionId edition) {
        return Map.of(PK, AttributeValue.fromS(EDITION_PARTITION), SK, AttributeValue.fromS(edition.value()));
    }

    private static Map<String, String> names() {
        return Map.of("#after", AFTER, "#enqueued", ENQUEUED, "#done", DONE, "#updatedAt", UPDATED_AT);
    }
}
