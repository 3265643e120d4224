package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStore;
import news.articles.subscription.SubscriberStore.EmailReservation;
import news.articles.subscription.SubscriberStore.PendingOutcome;
import news.articles.subscription.SubscriberStoreContract;
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
 * The DynamoDB store on moto, on the table template.yaml declares: the store contract (the same
 * tests the in-memory fake passes, with their conditions enforced by DynamoDB, not by our code),
 * and what only this store has, the item's attributes as the README's data model names them. The
 * lost answers of its writes are in {@link FaultsTest}.
 */
@ExtendWith(MotoExtension.class)
class DynamoDbSubscriberStoreTest extends SubscriberStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final EmailLimits LIMITS = new EmailLimits(Duration.ofMinutes(10), 2);

    private static SampleSite site;
    private static DynamoDbSubscriberStore store;
    /** moto, forwarding one request at a time: atomic per request as DynamoDB is (see {@link MotoProxy}). */
    private static MotoProxy atomic;
    private static DynamoDbSubscriberStore racing;

    @BeforeAll
    static void tables(MotoServer moto) throws IOException {
        site = SampleSite.create(moto);
        store = new DynamoDbSubscriberStore(site.dynamoDb, table());
        atomic = new MotoProxy(moto.endpoint()).oneRequestAtATime();
        racing = new DynamoDbSubscriberStore(MotoClients.dynamoDb(atomic.endpoint()), table());
    }

    @AfterAll
    static void stopProxy() {
        atomic.close();
    }

    @Override
    protected SubscriberStore store() {
        return store;
    }

    @Override
    protected SubscriberStore storeForConcurrentRequests() {
        return racing;
    }

    @Override
    protected Optional<Instant> recordExpiry(String id) {
        return Optional.ofNullable(item(id).get("expiresAt")).map(value -> Instant.ofEpochSecond(Long.parseLong(value.n())));
    }

    @Override
    protected Optional<String> suppressionReason(String id) {
        return Optional.ofNullable(item(id).get("suppressionReason")).map(AttributeValue::s);
    }

    @Test
    void aSubscribersItemCarriesTheAttributesOfTheDataModel() {
        EmailAddress address = newAddress();
        String id = SubscriberId.of(address, news.articles.testing.TestKeys.IDENTIFIERS);
        store.savePending(pending(address, "token", NOW), LIMITS);

        Map<String, AttributeValue> pending = item(id);
        assertEquals("SUBSCRIBER#" + id, pending.get("pk").s());
        assertEquals("PENDING", pending.get("status").s());
        assertEquals(Long.toString(NOW.plus(Duration.ofHours(49)).getEpochSecond()), pending.get("expiresAt").n(),
                "pending records carry the TTL attribute as epoch seconds");
        assertEquals(Long.toString(NOW.getEpochSecond()), pending.get("lastEmailAt").n(), "epoch seconds");
        assertEquals("2026-11-29", pending.get("emailDay").s());
        assertEquals("1", pending.get("emailsToday").n());
        assertEquals(Set.of("u-token"), Set.copyOf(pending.get("unsubscribeTokenHashes").ss()), "a string set");
        assertEquals("203.0.113.9", pending.get("signUpIp").s());

        assertFalse(pending.containsKey("confirmedFeed"), "not in the ByConfirmed index");
        store.confirm(id, "token", new Consent(NOW.plusSeconds(60), "2001:db8::1", "Confirmer/1.0"), "u-welcome");
        assertEquals("CONFIRMED", item(id).get("confirmedFeed").s(), "in the ByConfirmed index: a newsletter recipient");
        store.recordAlreadySubscribedNote(id, NOW.plusSeconds(90), NOW.minus(Duration.ofDays(1)), "u-note");
        store.suppress(id, address, NOW.plusSeconds(120), "COMPLAINT");

        Map<String, AttributeValue> suppressed = item(id);
        assertEquals("Confirmer/1.0", suppressed.get("confirmUserAgent").s());
        assertEquals(Long.toString(NOW.plusSeconds(90).getEpochSecond()), suppressed.get("alreadySubscribedNoteAt").n());
        assertEquals(Set.of("u-token", "u-welcome", "u-note"), Set.copyOf(suppressed.get("unsubscribeTokenHashes").ss()));
        assertEquals("COMPLAINT", suppressed.get("suppressionReason").s());
        assertFalse(suppressed.containsKey("expiresAt"));
        assertFalse(suppressed.containsKey("confirmTokenHash"));
        assertFalse(suppressed.containsKey("confirmedFeed"), "out of the ByConfirmed index");
    }

    @Test
    void aSignUpInsideTheLimitsLeavesTheItemUntouchedAttributeForAttribute() {
        EmailAddress address = newAddress();
        String id = SubscriberId.of(address, news.articles.testing.TestKeys.IDENTIFIERS);
        store.savePending(pending(address, "first", NOW), LIMITS);
        Map<String, AttributeValue> afterFirst = item(id);

        assertEquals(PendingOutcome.EMAIL_LIMITED,
                store.savePending(pending(address, "cooling", NOW.plus(Duration.ofMinutes(10)).minusSeconds(1)), LIMITS).outcome());
        assertEquals(afterFirst, item(id), "not even updatedAt");
    }

    @Test
    void aReleasedFirstEmailLeavesNoCountAttributes() {
        EmailAddress address = newAddress();
        String id = SubscriberId.of(address, news.articles.testing.TestKeys.IDENTIFIERS);
        EmailReservation failed = store.savePending(pending(address, "failed", NOW), LIMITS).reservation().orElseThrow();

        assertTrue(store.releaseConfirmationEmail(id, failed));

        Map<String, AttributeValue> released = item(id);
        assertFalse(released.containsKey("lastEmailAt") || released.containsKey("emailDay") || released.containsKey("emailsToday"),
                released::toString);
    }

    private static EmailAddress newAddress() {
        return EmailAddress.parse("store." + UUID.randomUUID() + "@example.com");
    }

    private static PendingSubscription pending(EmailAddress address, String tokenHash, Instant at) {
        Instant tokenExpiry = at.plus(Duration.ofHours(48));
        return new PendingSubscription(SubscriberId.of(address, news.articles.testing.TestKeys.IDENTIFIERS), address, tokenHash, tokenExpiry, "u-" + tokenHash,
                new Consent(at, "203.0.113.9", "Browser/" + tokenHash), tokenExpiry.plus(Duration.ofHours(1)));
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
