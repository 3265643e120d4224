package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.ConfirmationEmailCount;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SubscriberStore.EmailReservation;
import news.articles.subscription.SubscriberStore.PendingOutcome;
import news.articles.subscription.SubscriberStore.SavedPending;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The subscriber store's conditional writes, enforced by DynamoDB (moto), not by our code. */
@ExtendWith(MotoExtension.class)
class DynamoDbSubscriberStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final EmailAddress ADDRESS = EmailAddress.parse("store.reader@example.com");
    private static final String ID = SubscriberId.of(ADDRESS);
    /** For the tests of everything but the email limits. */
    private static final EmailLimits NO_LIMITS = new EmailLimits(Duration.ZERO, Integer.MAX_VALUE);
    private static final EmailLimits LIMITS = new EmailLimits(Duration.ofMinutes(10), 2);

    private SampleSite site;
    private DynamoDbSubscriberStore store;

    @BeforeEach
    void emptyTables(MotoServer moto) {
        site = SampleSite.create(moto);
        store = new DynamoDbSubscriberStore(site.dynamoDb, site.tableNames.get("SubscribersTable"));
    }

    @Test
    void aSignUpCreatesThenRenewsAPendingSubscriber() {
        assertEquals(PendingOutcome.CREATED, save(pending("hash-1", NOW)));
        assertEquals(PendingOutcome.RENEWED, save(pending("hash-2", NOW.plusSeconds(60))));

        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.PENDING, subscriber.status());
        assertEquals("store.reader@example.com", subscriber.email().value());
        assertEquals("hash-2", subscriber.confirmTokenHash().orElseThrow(), "the newer token replaces the older");
        assertEquals(NOW, subscriber.createdAt(), "the first sign-up's time is kept");
        Map<String, AttributeValue> item = item();
        assertEquals(Long.toString(NOW.plusSeconds(60).plus(Duration.ofHours(49)).getEpochSecond()), item.get("expiresAt").n(),
                "pending records carry the TTL attribute as epoch seconds");
    }

    @Test
    void confirmingNeedsTheCurrentTokenAndHappensOnce() {
        save(pending("old", NOW));
        save(pending("current", NOW));

        assertFalse(store.confirm(ID, "old", consent(NOW), "u-2"), "a superseded token must not confirm");
        assertTrue(store.confirm(ID, "current", consent(NOW.plusSeconds(5)), "u-2"));
        assertFalse(store.confirm(ID, "current", consent(NOW.plusSeconds(6)), "u-3"), "only a pending subscriber can be confirmed");

        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.CONFIRMED, subscriber.status());
        assertEquals(NOW.plusSeconds(5), subscriber.confirmedAt().orElseThrow());
        assertEquals("current", subscriber.confirmTokenHash().orElseThrow(), "kept, so a second click reads as already confirmed");
        assertFalse(item().containsKey("expiresAt"), "confirmed subscribers do not expire");
    }

    @Test
    void aConfirmedSubscriberIsNeverTurnedBackIntoAPendingOne() {
        save(pending("token", NOW));
        store.confirm(ID, "token", consent(NOW), "u-2");

        assertEquals(PendingOutcome.ALREADY_CONFIRMED, save(pending("attacker", NOW.plusSeconds(60))));
        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.CONFIRMED, subscriber.status());
        assertEquals("token", subscriber.confirmTokenHash().orElseThrow());
    }

    @Test
    void unknownSubscribersAreAbsentAndCannotBeConfirmed() {
        assertTrue(store.find("no-such-id").isEmpty());
        assertFalse(store.confirm("no-such-id", "hash", consent(NOW), "u"));
        assertTrue(store.find("no-such-id").isEmpty(), "a failed confirm must not create a record");
    }

    @Test
    void aSignUpReplacesThePendingUnsubscribeHashAndLaterEmailsAddTheirs() {
        save(pending("first", NOW));
        save(pending("second", NOW));
        assertEquals(Set.of("u-second"), store.find(ID).orElseThrow().unsubscribeTokenHashes(),
                "repeated sign-ups must not grow the record");

        store.confirm(ID, "second", consent(NOW), "u-welcome");
        assertEquals(Set.of("u-second", "u-welcome"), store.find(ID).orElseThrow().unsubscribeTokenHashes());
        assertEquals(Set.of("u-second", "u-welcome"), Set.copyOf(item().get("unsubscribeTokenHashes").ss()));
    }

    @Test
    void unsubscribingNeedsAKnownHashRemovesTheConfirmTokenAndKeepsTheRecord() {
        save(pending("token", NOW));

        assertFalse(store.unsubscribe(ID, "u-unknown", NOW), "a hash none of its emails carried");
        assertTrue(store.unsubscribe(ID, "u-token", NOW.plusSeconds(5)));
        assertFalse(store.unsubscribe(ID, "u-token", NOW.plusSeconds(6)), "only once");
        assertFalse(store.confirm(ID, "token", consent(NOW.plusSeconds(7)), "u-late"),
                "a confirm after an unsubscribe must not resurrect the subscription");

        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriber.status());
        assertEquals(NOW.plusSeconds(5), subscriber.unsubscribedAt().orElseThrow());
        assertTrue(subscriber.confirmTokenHash().isEmpty());
        assertFalse(item().containsKey("expiresAt"), "the opt-out stays on record");
        assertFalse(store.unsubscribe("no-such-id", "u-token", NOW));
        assertTrue(store.find("no-such-id").isEmpty(), "a failed unsubscribe must not create a record");
    }

    @Test
    void aSignUpAfterUnsubscribingIsPendingAgain() {
        save(pending("token", NOW));
        store.confirm(ID, "token", consent(NOW), "u-welcome");
        store.unsubscribe(ID, "u-welcome", NOW.plusSeconds(5));

        assertEquals(PendingOutcome.RENEWED, save(pending("again", NOW.plusSeconds(60))));

        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.PENDING, subscriber.status());
        assertEquals("again", subscriber.confirmTokenHash().orElseThrow());
        assertTrue(subscriber.confirmedAt().isEmpty());
        assertTrue(subscriber.unsubscribedAt().isEmpty());
        assertTrue(item().containsKey("expiresAt"), "pending again, so it expires again");
        assertTrue(store.confirm(ID, "again", consent(NOW.plusSeconds(70)), "u-2"));
    }

    @Test
    void theConsentOfTheLatestSignUpAndOfTheConfirmationIsStored() {
        save(pending("first", NOW));
        save(pending("second", NOW.plusSeconds(30)));
        store.confirm(ID, "second", consent(NOW.plusSeconds(60)), "u-welcome");

        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(new Consent(NOW.plusSeconds(30), "203.0.113.9", "Browser/second"), subscriber.signUp().orElseThrow());
        assertEquals(consent(NOW.plusSeconds(60)), subscriber.confirmation().orElseThrow());
        Map<String, AttributeValue> item = item();
        assertEquals("203.0.113.9", item.get("signUpIp").s());
        assertEquals("Confirmer/1.0", item.get("confirmUserAgent").s());
    }

    @Test
    void anAlreadySubscribedNoteIsRecordedAtMostOncePerInterval() {
        save(pending("token", NOW));
        assertFalse(store.recordAlreadySubscribedNote(ID, NOW, NOW.minus(Duration.ofHours(24)), "u-note"),
                "only confirmed subscribers get the note");
        store.confirm(ID, "token", consent(NOW), "u-welcome");

        assertTrue(store.recordAlreadySubscribedNote(ID, NOW, NOW.minus(Duration.ofHours(24)), "u-note-1"));
        Instant later = NOW.plus(Duration.ofHours(23));
        assertFalse(store.recordAlreadySubscribedNote(ID, later, later.minus(Duration.ofHours(24)), "u-note-2"));
        Instant dayLater = NOW.plus(Duration.ofHours(24));
        assertTrue(store.recordAlreadySubscribedNote(ID, dayLater, dayLater.minus(Duration.ofHours(24)), "u-note-3"));

        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(dayLater, subscriber.alreadySubscribedNoteAt().orElseThrow());
        assertTrue(subscriber.unsubscribeTokenHashes().containsAll(Set.of("u-note-1", "u-note-3")));
        assertFalse(subscriber.unsubscribeTokenHashes().contains("u-note-2"));
    }

    @Test
    void suppressingCreatesOrOverridesARecordOnceAndASignUpCannotUndoIt() {
        assertTrue(store.suppress(ID, ADDRESS, NOW, "BOUNCE"), "no record yet: one is created");
        assertFalse(store.suppress(ID, ADDRESS, NOW.plusSeconds(1), "COMPLAINT"), "already suppressed");
        Subscriber subscriber = store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.SUPPRESSED, subscriber.status());
        assertEquals("store.reader@example.com", subscriber.email().value());
        assertEquals("BOUNCE", item().get("suppressionReason").s());
        assertFalse(item().containsKey("expiresAt"));

        assertEquals(PendingOutcome.SUPPRESSED, save(pending("token", NOW.plusSeconds(60))));
        assertEquals(SubscriberStatus.SUPPRESSED, store.find(ID).orElseThrow().status());
        assertTrue(store.find(ID).orElseThrow().confirmTokenHash().isEmpty());
    }

    @Test
    void aConfirmedSubscriberIsSuppressedAndItsLinksStopWorking() {
        save(pending("token", NOW));
        store.confirm(ID, "token", consent(NOW), "u-welcome");

        assertTrue(store.suppress(ID, ADDRESS, NOW.plusSeconds(5), "COMPLAINT"));

        assertFalse(store.unsubscribe(ID, "u-welcome", NOW.plusSeconds(6)));
        assertFalse(store.recordAlreadySubscribedNote(ID, NOW.plusSeconds(7), NOW.minus(Duration.ofDays(1)), "u-note"));
        assertEquals(SubscriberStatus.SUPPRESSED, store.find(ID).orElseThrow().status());
    }

    @Test
    void theSignUpsOwnWriteKeepsToTheCooldownAndTheDailyCapAndInsideThemChangesNothing() {
        SavedPending first = store.savePending(pending("first", NOW), LIMITS);
        assertEquals(PendingOutcome.CREATED, first.outcome());
        assertEquals(Optional.of(new EmailReservation("first", ConfirmationEmailCount.first(NOW), Optional.empty())),
                first.reservation());
        Map<String, AttributeValue> afterFirst = item();
        assertEquals(Long.toString(NOW.getEpochSecond()), afterFirst.get("lastEmailAt").n(), "epoch seconds");
        assertEquals("2026-11-29", afterFirst.get("emailDay").s());
        assertEquals("1", afterFirst.get("emailsToday").n());

        SavedPending cooling = store.savePending(pending("cooling", NOW.plus(Duration.ofMinutes(10)).minusSeconds(1)), LIMITS);
        assertEquals(SavedPending.unchanged(PendingOutcome.EMAIL_LIMITED), cooling);
        assertEquals(afterFirst, item(), "inside the cooldown nothing changes, not even the token");

        assertEquals(PendingOutcome.RENEWED, store.savePending(pending("second", NOW.plus(Duration.ofMinutes(10))), LIMITS).outcome());
        assertEquals("second", store.find(ID).orElseThrow().confirmTokenHash().orElseThrow());
        assertEquals("2", item().get("emailsToday").n());
        Map<String, AttributeValue> afterSecond = item();
        assertEquals(PendingOutcome.EMAIL_LIMITED, store.savePending(pending("capped", NOW.plus(Duration.ofHours(5))), LIMITS).outcome());
        assertEquals(afterSecond, item(), "capped for the day");

        Instant nextDay = Instant.parse("2026-11-30T00:00:00Z");
        assertEquals(PendingOutcome.RENEWED, store.savePending(pending("next-day", nextDay), LIMITS).outcome());
        assertEquals("2026-11-30", item().get("emailDay").s());
        assertEquals("1", item().get("emailsToday").n());
    }

    @Test
    void aReleaseRestoresThePreviousCountsOnlyWhileTheyAreTheOnesItsSignUpWrote() {
        EmailReservation failed = store.savePending(pending("failed", NOW), LIMITS).reservation().orElseThrow();
        assertTrue(store.releaseConfirmationEmail(ID, failed));
        Map<String, AttributeValue> released = item();
        assertFalse(released.containsKey("lastEmailAt") || released.containsKey("emailDay") || released.containsKey("emailsToday"),
                released::toString);
        assertEquals("PENDING", released.get("status").s(), "the pending record stays");

        EmailReservation retry = store.savePending(pending("retry", NOW.plusSeconds(1)), LIMITS).reservation().orElseThrow();
        assertEquals(ConfirmationEmailCount.first(NOW.plusSeconds(1)), retry.reserved(), "an immediate retry is allowed");
        Instant later = NOW.plus(Duration.ofMinutes(11));
        EmailReservation next = store.savePending(pending("next", later), LIMITS).reservation().orElseThrow();
        assertEquals(Optional.of(retry.reserved()), next.previous());

        assertFalse(store.releaseConfirmationEmail(ID, retry), "a later sign-up's email is not this one's to give back");
        assertEquals("2", item().get("emailsToday").n());
        assertTrue(store.releaseConfirmationEmail(ID, next));
        assertEquals(Long.toString(NOW.plusSeconds(1).getEpochSecond()), item().get("lastEmailAt").n());
        assertEquals("1", item().get("emailsToday").n());
        assertFalse(store.releaseConfirmationEmail(ID, next), "only once");
    }

    @Test
    void aConfirmedAddressKeepsItsCountsAndGetsNoConfirmation() {
        store.savePending(pending("token", NOW), LIMITS);
        store.confirm(ID, "token", consent(NOW), "u-welcome");

        assertEquals(SavedPending.unchanged(PendingOutcome.ALREADY_CONFIRMED),
                store.savePending(pending("again", NOW.plus(Duration.ofDays(1))), LIMITS));
        assertEquals(LocalDate.parse("2026-11-29").toString(), item().get("emailDay").s());
    }

    @Test
    void ofConcurrentSignUpsForOneAddressExactlyOneWrites() throws Exception {
        int threads = 10;
        MotoProxy atomic = new MotoProxy(site.moto.endpoint()).oneRequestAtATime();
        DynamoDbSubscriberStore racing = new DynamoDbSubscriberStore(
                news.articles.tools.moto.MotoClients.dynamoDb(atomic.endpoint()), site.tableNames.get("SubscribersTable"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SavedPending>> results = new ArrayList<>();
        try (atomic) {
            for (int i = 0; i < threads; i++) {
                String hash = "burst-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return racing.savePending(pending(hash, NOW), LIMITS);
                }));
            }
            start.countDown();
            List<SavedPending> saved = new ArrayList<>();
            for (Future<SavedPending> result : results) {
                saved.add(result.get());
            }
            List<SavedPending> writers = saved.stream().filter(s -> s.reservation().isPresent()).toList();
            assertEquals(1, writers.size(), saved::toString);
            assertEquals(threads - 1, saved.stream().filter(s -> s.outcome() == PendingOutcome.EMAIL_LIMITED).count());
            assertEquals(writers.get(0).reservation().orElseThrow().tokenHash(),
                    store.find(ID).orElseThrow().confirmTokenHash().orElseThrow(), "the winner's token is the one stored");
            assertEquals("1", item().get("emailsToday").n());
        } finally {
            pool.shutdownNow();
        }
    }

    private PendingOutcome save(PendingSubscription pending) {
        return store.savePending(pending, NO_LIMITS).outcome();
    }

    private static PendingSubscription pending(String tokenHash, Instant at) {
        Instant tokenExpiry = at.plus(Duration.ofHours(48));
        return new PendingSubscription(ID, ADDRESS, tokenHash, tokenExpiry, "u-" + tokenHash,
                new Consent(at, "203.0.113.9", "Browser/" + tokenHash), tokenExpiry.plus(Duration.ofHours(1)));
    }

    private static Consent consent(Instant at) {
        return new Consent(at, "2001:db8::1", "Confirmer/1.0");
    }

    private Map<String, AttributeValue> item() {
        return site.dynamoDb.getItem(request -> request
                .tableName(site.tableNames.get("SubscribersTable"))
                .key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + ID)))
                .consistentRead(true)).item();
    }
}
