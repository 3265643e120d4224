package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.articles.error.StoreException;
import news.articles.newsletter.DeliveryLog;
import news.articles.newsletter.DeliveryLog.Claim;
import news.articles.newsletter.DeliveryLog.ClaimOutcome;
import news.articles.newsletter.DeliveryLogContract;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.Subscribers;
import news.articles.newsletter.Subscribers.State;
import news.articles.store.dynamodb.DynamoDbDeliveryLog;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberStore;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB delivery log on moto, on the Subscribers table as template.yaml declares it: the
 * contract (the same tests the in-memory fake passes, their conditions enforced by DynamoDB's
 * condition expressions), the item's newsletter attributes as docs/data-model.md names them, and
 * a claim whose answer is lost.
 */
@ExtendWith(MotoExtension.class)
class DynamoDbDeliveryLogTest extends DeliveryLogContract {

    private static final EditionId W49 = new EditionId("2026-W49");
    private static final Instant AT = Instant.parse("2026-12-04T09:00:00Z");

    private static SampleSite site;
    private static MotoServer moto;
    private static DynamoDbSubscriberStore store;
    private static DynamoDbDeliveryLog log;
    /** moto, forwarding one request at a time: atomic per request as DynamoDB is (see {@link MotoProxy}). */
    private static MotoProxy atomic;
    private static DynamoDbDeliveryLog racingLog;
    private static DynamoDbSubscriberStore racingStore;

    @BeforeAll
    static void tables(MotoServer server) throws IOException {
        moto = server;
        site = SampleSite.create(moto);
        store = new DynamoDbSubscriberStore(site.dynamoDb, table());
        log = new DynamoDbDeliveryLog(site.dynamoDb, table());
        atomic = new MotoProxy(moto.endpoint()).oneRequestAtATime();
        racingLog = new DynamoDbDeliveryLog(MotoClients.dynamoDb(atomic.endpoint()), table());
        racingStore = new DynamoDbSubscriberStore(MotoClients.dynamoDb(atomic.endpoint()), table());
    }

    @AfterAll
    static void stopProxy() {
        atomic.close();
    }

    @Override
    protected SubscriberStore subscribers() {
        return store;
    }

    @Override
    protected DeliveryLog deliveryLog() {
        return log;
    }

    @Override
    protected DeliveryLog deliveryLogForConcurrentRequests() {
        return racingLog;
    }

    @Override
    protected SubscriberStore subscribersForConcurrentRequests() {
        return racingStore;
    }

    @Override
    protected Optional<String> recordedFailure(String subscriberId) {
        Map<String, AttributeValue> item = item(subscriberId);
        return Optional.ofNullable(item.get("lastEditionFailure"))
                .map(edition -> edition.s() + " " + item.get("lastEditionFailureReason").s());
    }

    @Test
    void aClaimWritesTheDataModelsAttributesInOneWrite() {
        String id = confirmed();

        log.claim(W49, id, "n-49", AT);

        Map<String, AttributeValue> item = item(id);
        assertEquals("2026-W49", item.get("lastEdition").s());
        assertEquals("2026-12-04T09:00:00Z", item.get("lastEditionAt").s());
        assertEquals("NONE", item.get("lastEditionPrevious").s());
        String slot = String.format("newsletterUnsubscribe%02d", W49.weekNumber() % 13);
        assertEquals("n-49", item.get(slot).s());
        assertEquals("CONFIRMED", item.get("confirmedFeed").s());

        log.recordFailure(W49, id, "MessageRejected", AT.plusSeconds(3));
        assertEquals("2026-12-04T09:00:03Z", item(id).get("lastEditionFailedAt").s());
        assertTrue(log.release(W49, id, Optional.empty()));
        Map<String, AttributeValue> released = item(id);
        assertFalse(released.containsKey("lastEdition") || released.containsKey("lastEditionAt")
                || released.containsKey("lastEditionPrevious"), released::toString);
    }

    /**
     * The claim reaches DynamoDB but its answer is lost, so the SDK sends it again and the repeat
     * fails the condition, on the claim itself: recognised by its unique unsubscribe hash, it is
     * still a claim, so the recipient is not skipped, and it names the edition it replaced.
     */
    @Test
    void aClaimWhoseAnswerIsLostIsStillTheClaim() throws IOException {
        String id = confirmed();
        log.claim(new EditionId("2026-W48"), id, "n-48", AT);
        try (MotoProxy aws = new MotoProxy(moto.endpoint())) {
            aws.fail(MotoProxy.operation("UpdateItem"), MotoProxy.loseAnswer(), 1);
            DeliveryLog throughProxy = new DynamoDbDeliveryLog(MotoClients.dynamoDb(aws.endpoint()), table());

            Claim claim = throughProxy.claim(W49, id, "n-49", AT);

            assertEquals(1, aws.faulted().size(), "the claim's answer was lost once");
            assertEquals(Claim.claimed(emailOf(id).value(), Optional.of(new EditionId("2026-W48"))), claim);
        }
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W49, id, "n-49-other", AT));
    }

    @Test
    void dynamoDbDownIsAStoreFailureNotARefusal() throws IOException {
        String id = confirmed();
        try (MotoProxy aws = new MotoProxy(moto.endpoint())) {
            aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbInternalError());
            DeliveryLog throughProxy = new DynamoDbDeliveryLog(MotoClients.dynamoDb(aws.endpoint()), table());

            StoreException failure = assertThrows(StoreException.class, () -> throughProxy.claim(W49, id, "n-49", AT));
            assertTrue(failure.retryable());
            assertThrows(StoreException.class, () -> throughProxy.release(W49, id, Optional.empty()));
            assertThrows(StoreException.class, () -> throughProxy.recordFailure(W49, id, "MessageRejected", AT));
        }
        assertEquals(ClaimOutcome.CLAIMED, log.claim(W49, id, "n-49", AT).outcome(), "nothing was claimed meanwhile");
    }

    private static String confirmed() {
        String id = "it-" + UUID.randomUUID();
        new Subscribers(store).bringTo(id, emailOf(id), State.CONFIRMED);
        return id;
    }

    private static EmailAddress emailOf(String id) {
        return EmailAddress.parse(id + "@example.com");
    }

    private static String table() {
        return site.tableNames.get("SubscribersTable");
    }

    private static Map<String, AttributeValue> item(String id) {
        return site.dynamoDb.getItem(request -> request
                .tableName(table())
                .key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + id)))
                .consistentRead(true)).item();
    }
}
