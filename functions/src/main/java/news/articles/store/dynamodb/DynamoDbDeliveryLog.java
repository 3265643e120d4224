package news.articles.store.dynamodb;

import static news.articles.store.dynamodb.SubscriberItems.EMAIL;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EDITION;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EDITION_AT;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EDITION_FAILED_AT;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EDITION_FAILURE;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EDITION_FAILURE_REASON;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EDITION_PREVIOUS;
import static news.articles.store.dynamodb.SubscriberItems.STATUS;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.newsletter.DeliveryLog;
import news.articles.newsletter.EditionId;
import news.articles.subscription.SubscriberStatus;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The newsletter's delivery record on each subscriber's item of the Subscribers table:
 * {@code lastEdition} (the latest edition claimed, an ISO week, which orders as text),
 * {@code lastEditionAt}, {@code lastEditionPrevious} (what it replaced, so that a claim can be
 * given back), the edition's unsubscribe hash in slot {@code newsletterUnsubscribeNN}, and the
 * last failure. Each operation is one conditional UpdateItem, so concurrent senders, redelivered
 * messages and a composer run twice meet in DynamoDB's condition and one of them wins.
 */
public final class DynamoDbDeliveryLog implements DeliveryLog {

    /** {@code lastEditionPrevious} when nothing had been claimed before. */
    private static final String NONE = "NONE";
    private static final AttributeValue CONFIRMED = AttributeValue.fromS(SubscriberStatus.CONFIRMED.name());

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbDeliveryLog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Claim claim(EditionId edition, String subscriberId, String unsubscribeTokenHash, Instant at) {
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(unsubscribeTokenHash, "unsubscribeTokenHash");
        Objects.requireNonNull(at, "at");
        String slot = SubscriberItems.newsletterSlot(edition.weekNumber());
        UpdateItemResponse response;
        try {
            response = dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(subscriberId))
                    // Operands are the item as it was before this write, so lastEditionPrevious gets
                    // the edition this claim replaces. The slot's hash replaces the one of 13 weeks ago.
                    .updateExpression("SET #lastEdition = :edition, #lastEditionAt = :at, "
                            + "#previous = if_not_exists(#lastEdition, :none), #slot = :hash")
                    // Confirmed now (an unsubscribe or a suppression after the page was listed
                    // wins), and this edition or a later one not claimed yet. The condition also
                    // keeps UpdateItem from creating an item for a subscriber who is gone.
                    .conditionExpression("#status = :confirmed AND (attribute_not_exists(#lastEdition) OR #lastEdition < :edition)")
                    .expressionAttributeNames(Map.of(
                            "#status", STATUS,
                            "#lastEdition", LAST_EDITION,
                            "#lastEditionAt", LAST_EDITION_AT,
                            "#previous", LAST_EDITION_PREVIOUS,
                            "#slot", slot))
                    .expressionAttributeValues(Map.of(
                            ":confirmed", CONFIRMED,
                            ":edition", AttributeValue.fromS(edition.value()),
                            ":at", SubscriberItems.time(at),
                            ":none", AttributeValue.fromS(NONE),
                            ":hash", AttributeValue.fromS(unsubscribeTokenHash)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            return refused(edition, slot, unsubscribeTokenHash, e.hasItem() ? e.item() : Map.of());
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("claim a newsletter delivery", e);
        }
        Map<String, AttributeValue> before = response.attributes();
        return Claim.claimed(before.get(EMAIL).s(), edition(before, LAST_EDITION));
    }

    /** Why the claim's condition failed, from the item as it was: not confirmed, or claimed already. */
    private static Claim refused(EditionId edition, String slot, String unsubscribeTokenHash, Map<String, AttributeValue> item) {
        if (item.isEmpty() || !CONFIRMED.equals(item.get(STATUS))) {
            return Claim.refused(ClaimOutcome.NOT_CONFIRMED);
        }
        if (item.get(LAST_EDITION) != null && edition.value().equals(item.get(LAST_EDITION).s())
                && item.get(slot) != null && unsubscribeTokenHash.equals(item.get(slot).s())) {
            // This very claim landed and its answer was lost; the SDK's resend found it done. The
            // hash is unique to this claim, so the delivery is ours to make.
            return Claim.claimed(item.get(EMAIL).s(), edition(item, LAST_EDITION_PREVIOUS));
        }
        return Claim.refused(ClaimOutcome.ALREADY_CLAIMED);
    }

    private static Optional<EditionId> edition(Map<String, AttributeValue> item, String attribute) {
        return Optional.ofNullable(item.get(attribute)).map(AttributeValue::s).flatMap(EditionId::parse);
    }

    @Override
    public boolean release(EditionId edition, String subscriberId, Optional<EditionId> previous) {
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(previous, "previous");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":edition", AttributeValue.fromS(edition.value())));
        String restore;
        if (previous.isPresent()) {
            restore = "SET #lastEdition = :previous REMOVE #lastEditionAt, #previous";
            values.put(":previous", AttributeValue.fromS(previous.get().value()));
        } else {
            restore = "REMOVE #lastEdition, #lastEditionAt, #previous";
        }
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(subscriberId))
                    .updateExpression(restore)
                    // Only this claim: a later edition's claim is not ours to give back.
                    .conditionExpression("#lastEdition = :edition")
                    .expressionAttributeNames(Map.of(
                            "#lastEdition", LAST_EDITION,
                            "#lastEditionAt", LAST_EDITION_AT,
                            "#previous", LAST_EDITION_PREVIOUS))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("release a newsletter delivery", e);
        }
    }

    @Override
    public void recordFailure(EditionId edition, String subscriberId, String reason, Instant at) {
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(subscriberId))
                    .updateExpression("SET #failure = :edition, #reason = :reason, #failedAt = :at")
                    // Never creates an item: a subscriber gone meanwhile has nothing to record.
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of(
                            "#pk", SubscriberItems.PK,
                            "#failure", LAST_EDITION_FAILURE,
                            "#reason", LAST_EDITION_FAILURE_REASON,
                            "#failedAt", LAST_EDITION_FAILED_AT))
                    .expressionAttributeValues(Map.of(
                            ":edition", AttributeValue.fromS(edition.value()),
                            ":reason", AttributeValue.fromS(reason),
                            ":at", SubscriberItems.time(at))));
        } catch (ConditionalCheckFailedException e) {
            // No record: nothing to record the failure on.
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("record a failed newsletter delivery", e);
        }
    }
}
