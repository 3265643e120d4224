package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import news.articles.newsletter.DeliveryLog.Claim;
import news.articles.newsletter.DeliveryLog.ClaimOutcome;
import news.articles.newsletter.Subscribers.State;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link DeliveryLog} must do, run against the in-memory fake ({@code InMemoryDeliveryLogTest})
 * and the DynamoDB adapter on moto ({@code DynamoDbDeliveryLogTest} in integration-tests): a claim
 * succeeds once per subscriber and edition, only for a subscriber confirmed at that moment, never
 * for an edition older than one claimed; a release gives back only its own claim; the claim's
 * unsubscribe hash works as a link of the subscriber's for the last 13 editions. Each test works on
 * subscribers of its own, so a store may be shared between tests.
 */
public abstract class DeliveryLogContract {

    private static final EditionId W48 = new EditionId("2026-W48");
    private static final EditionId W49 = new EditionId("2026-W49");
    private static final EditionId W50 = new EditionId("2026-W50");
    private static final Instant AT = Instant.parse("2026-12-04T09:00:00.250Z");
    private static final int RACE_ROUNDS = 6;
    private static final int RACERS = 6;

    /** The subscribers the log records deliveries to (the same data: a claim reads and writes them). */
    protected abstract SubscriberStore subscribers();

    protected abstract DeliveryLog deliveryLog();

    /** The log as concurrent senders reach it; for moto, a view that is atomic per request as DynamoDB is. */
    protected DeliveryLog deliveryLogForConcurrentRequests() {
        return deliveryLog();
    }

    /** The subscribers as concurrent requests reach them (see {@link #deliveryLogForConcurrentRequests}). */
    protected SubscriberStore subscribersForConcurrentRequests() {
        return subscribers();
    }

    /** The failure recorded for this subscriber, as {@code <edition> <reason>}; empty when none. */
    protected abstract Optional<String> recordedFailure(String subscriberId);

    private SubscriberStore store;
    private DeliveryLog log;
    private Subscribers lifecycle;

    @BeforeEach
    void fresh() {
        store = subscribers();
        log = deliveryLog();
        lifecycle = new Subscribers(store);
    }

    @Test
    void aConfirmedSubscriberIsClaimedOnceWithItsAddressAndTheEditionsLinkBecomesOneOfItsOwn() {
        Reader reader = new Reader();
        Subscriber before = reader.bringTo(State.CONFIRMED);

        Claim claim = log.claim(W49, reader.id, "n-49", AT);

        assertEquals(Claim.claimed(reader.email.value(), Optional.empty()), claim);
        Subscriber after = reader.find();
        assertEquals(plusHashes(before, "n-49"), after, "nothing else of the record changes");
        assertTrue(after.isUnsubscribableWith("n-49"));
    }

    @Test
    void aSecondClaimOfTheSameEditionIsRefusedAndItsLinkIsNotRecorded() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        log.claim(W49, reader.id, "n-first", AT);

        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W49, reader.id, "n-second", AT.plusSeconds(1)));
        assertTrue(reader.find().wasSentUnsubscribeToken("n-first"));
        assertFalse(reader.find().wasSentUnsubscribeToken("n-second"));
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"NONE", "PENDING", "UNSUBSCRIBED", "SUPPRESSED"})
    void onlyAConfirmedSubscriberCanBeClaimedAndARefusalChangesNothing(State state) {
        Reader reader = new Reader();
        Subscriber before = reader.bringTo(state);

        assertEquals(Claim.refused(ClaimOutcome.NOT_CONFIRMED), log.claim(W49, reader.id, "n-49", AT));

        assertEquals(Optional.ofNullable(before), store.find(reader.id), "no record is created or changed");
    }

    @Test
    void aNewerEditionIsClaimedAfterAnOlderOneAndAnOlderOneNeverAfterANewerOne() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);

        assertEquals(Claim.claimed(reader.email.value(), Optional.empty()), log.claim(W49, reader.id, "n-49", AT));
        assertEquals(Claim.claimed(reader.email.value(), Optional.of(W49)), log.claim(W50, reader.id, "n-50", AT));
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W48, reader.id, "n-48", AT));
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W49, reader.id, "n-49b", AT));
    }

    @Test
    void aReleasedClaimCanBeClaimedAgainAndTheEditionBeforeItIsRestored() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        log.claim(W48, reader.id, "n-48", AT);
        Claim claim = log.claim(W49, reader.id, "n-49", AT);

        assertTrue(log.release(W49, reader.id, claim.previous()));

        assertEquals(Claim.claimed(reader.email.value(), Optional.of(W48)), log.claim(W49, reader.id, "n-49-retry", AT));
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W48, reader.id, "n-48b", AT),
                "the edition before stays claimed");
    }

    @Test
    void releasingTheFirstClaimLeavesNothingClaimed() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        Claim claim = log.claim(W49, reader.id, "n-49", AT);

        assertTrue(log.release(W49, reader.id, claim.previous()));

        assertEquals(Claim.claimed(reader.email.value(), Optional.empty()), log.claim(W48, reader.id, "n-48", AT));
    }

    @Test
    void aReleaseAfterALaterClaimChangesNothing() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        Claim first = log.claim(W49, reader.id, "n-49", AT);
        log.claim(W50, reader.id, "n-50", AT);

        assertFalse(log.release(W49, reader.id, first.previous()));

        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W50, reader.id, "n-50b", AT));
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W49, reader.id, "n-49b", AT));
    }

    @Test
    void aReleaseWithoutAClaimChangesNothing() {
        Reader reader = new Reader();
        Subscriber before = reader.bringTo(State.CONFIRMED);

        assertFalse(log.release(W49, reader.id, Optional.empty()));
        assertFalse(log.release(W49, new Reader().id, Optional.empty()), "no record");

        assertEquals(before, reader.find());
    }

    @Test
    void aFailureIsRecordedAndTheClaimStaysSoTheEditionIsNotRetried() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        log.claim(W49, reader.id, "n-49", AT);

        log.recordFailure(W49, reader.id, "MessageRejected", AT.plusSeconds(5));

        assertEquals(Optional.of("2026-W49 MessageRejected"), recordedFailure(reader.id));
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W49, reader.id, "n-49b", AT));
        assertEquals(Claim.claimed(reader.email.value(), Optional.of(W49)), log.claim(W50, reader.id, "n-50", AT),
                "the next edition goes");
    }

    @Test
    void aFailureOfASubscriberWithoutARecordCreatesNone() {
        Reader reader = new Reader();

        log.recordFailure(W49, reader.id, "MessageRejected", AT);

        assertEquals(Optional.empty(), store.find(reader.id));
    }

    @Test
    void theLinksOfTheLastThirteenEditionsWorkAndOlderOnesAreReplaced() {
        Reader reader = new Reader();
        Subscriber before = reader.bringTo(State.CONFIRMED);
        List<String> hashes = new ArrayList<>();
        for (int week = 30; week <= 43; week++) {
            String hash = "n-" + week;
            hashes.add(hash);
            assertEquals(ClaimOutcome.CLAIMED, log.claim(new EditionId("2026-W" + week), reader.id, hash, AT).outcome());
        }

        Subscriber after = reader.find();
        assertFalse(after.wasSentUnsubscribeToken(hashes.get(0)), "week 30's slot holds week 43's link");
        assertEquals(plusHashes(before, hashes.subList(1, 14).toArray(String[]::new)), after);
    }

    @Test
    void aNewslettersLinkUnsubscribesAndThenNoEditionIsClaimed() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        log.claim(W49, reader.id, "n-49", AT);

        assertTrue(store.unsubscribe(reader.id, "n-49", AT.plusSeconds(60)));

        assertEquals(Claim.refused(ClaimOutcome.NOT_CONFIRMED), log.claim(W50, reader.id, "n-50", AT.plusSeconds(120)));
        assertTrue(reader.find().wasSentUnsubscribeToken("n-49"), "the same link used again is recognised");
    }

    @Test
    void signingUpAgainKeepsTheNewslettersLinksAndWhatWasDelivered() {
        Reader reader = new Reader();
        reader.bringTo(State.CONFIRMED);
        log.claim(W49, reader.id, "n-49", AT);
        assertTrue(store.unsubscribe(reader.id, "n-49", AT.plusSeconds(60)));

        lifecycle.signUpAgain(reader.id, reader.email, AT.plusSeconds(120));

        assertTrue(reader.find().unsubscribeTokenHashes().containsAll(Set.of("u-again", "n-49")),
                "every email's link keeps working, the newsletter's too");
        lifecycle.confirmAgain(reader.id, AT.plusSeconds(180));
        assertEquals(Claim.refused(ClaimOutcome.ALREADY_CLAIMED), log.claim(W49, reader.id, "n-49-again", AT.plusSeconds(240)),
                "an edition goes to an address once, whatever happened in between");
        assertEquals(ClaimOutcome.CLAIMED, log.claim(W50, reader.id, "n-50", AT.plusSeconds(240)).outcome());
    }

    @Test
    void ofConcurrentClaimsOfOneEditionExactlyOneSucceeds() throws Exception {
        DeliveryLog racing = deliveryLogForConcurrentRequests();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                Reader reader = new Reader();
                reader.bringTo(State.CONFIRMED);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Claim>> claims = new ArrayList<>();
                for (int racer = 0; racer < RACERS; racer++) {
                    String hash = "n-race-" + racer;
                    claims.add(pool.submit(() -> {
                        start.await();
                        return racing.claim(W49, reader.id, hash, AT);
                    }));
                }
                start.countDown();
                List<ClaimOutcome> outcomes = new ArrayList<>();
                for (Future<Claim> claim : claims) {
                    outcomes.add(claim.get(30, TimeUnit.SECONDS).outcome());
                }
                assertEquals(1, outcomes.stream().filter(outcome -> outcome == ClaimOutcome.CLAIMED).count(), outcomes::toString);
                assertEquals(RACERS - 1, outcomes.stream().filter(outcome -> outcome == ClaimOutcome.ALREADY_CLAIMED).count(),
                        outcomes::toString);
                Set<String> links = new HashSet<>(reader.find().unsubscribeTokenHashes());
                links.retainAll(Set.of("n-race-0", "n-race-1", "n-race-2", "n-race-3", "n-race-4", "n-race-5"));
                assertEquals(1, links.size(), "only the winner's link is recorded: " + links);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimRacingAnUnsubscribeEitherWinsOrSeesItNeverBoth() throws Exception {
        DeliveryLog racing = deliveryLogForConcurrentRequests();
        SubscriberStore racingStore = subscribersForConcurrentRequests();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                Reader reader = new Reader();
                reader.bringTo(State.CONFIRMED);
                CountDownLatch start = new CountDownLatch(1);
                Future<Claim> claim = pool.submit(() -> {
                    start.await();
                    return racing.claim(W49, reader.id, "n-49", AT);
                });
                Future<Boolean> unsubscribe = pool.submit(() -> {
                    start.await();
                    return racingStore.unsubscribe(reader.id, "u-welcome", AT);
                });
                start.countDown();
                ClaimOutcome outcome = claim.get(30, TimeUnit.SECONDS).outcome();
                assertTrue(unsubscribe.get(30, TimeUnit.SECONDS));
                assertTrue(outcome == ClaimOutcome.CLAIMED || outcome == ClaimOutcome.NOT_CONFIRMED, outcome::name);
                assertEquals(Claim.refused(ClaimOutcome.NOT_CONFIRMED), log.claim(W50, reader.id, "n-50", AT));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Subscriber plusHashes(Subscriber s, String... hashes) {
        Set<String> all = new HashSet<>(s.unsubscribeTokenHashes());
        all.addAll(List.of(hashes));
        return new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(), all,
                s.createdAt(), s.confirmedAt(), s.unsubscribedAt(), s.alreadySubscribedNoteAt(), s.signUp(),
                s.confirmation(), s.confirmationEmails(), s.consentHistory());
    }

    /** A subscriber of the test's own. */
    private final class Reader {
        final String id = "log-" + UUID.randomUUID();
        final EmailAddress email = EmailAddress.parse(id + "@example.com");

        Subscriber bringTo(State state) {
            Subscriber stored = lifecycle.bringTo(id, email, state);
            if (state == State.NONE) {
                assertNull(stored);
            }
            return stored;
        }

        Subscriber find() {
            return store.find(id).orElseThrow(() -> new AssertionError("no record"));
        }
    }
}
