package news.articles.subscription;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import news.articles.subscription.SubscriberStore.EmailReservation;
import news.articles.subscription.SubscriberStore.PendingOutcome;
import news.articles.subscription.SubscriberStore.SavedPending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SubscriberStore} must do, run against each: the in-memory fake the unit tests
 * use ({@code InMemorySubscriberStoreTest}) and the DynamoDB store on moto
 * ({@code DynamoDbSubscriberStoreTest} in integration-tests), so that the two cannot drift apart.
 *
 * <p>It covers every cell of the README's lifecycle table (each state, and no record, against each
 * operation), the per-address email limits (cooldown, daily cap, the UTC day's rollover, releasing
 * a reservation), which tokens each transition replaces, adds or retires, and the races the README
 * promises, with real threads. Each test works on an address of its own, so a store may be shared
 * between tests. Times have fractions of a second, which stores keep to the second where the
 * README says so.
 */
public abstract class SubscriberStoreContract {

    /** A time with a fraction of a second, as clocks give them. */
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.250Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(3));
    private static final Duration COOLDOWN = Duration.ofMinutes(10);
    private static final EmailLimits LIMITS = new EmailLimits(COOLDOWN, 2);
    /** For the tests of everything but the email limits. */
    private static final EmailLimits NO_LIMITS = new EmailLimits(Duration.ZERO, Integer.MAX_VALUE, Duration.ZERO);
    private static final Duration NOTE_INTERVAL = Duration.ofHours(24);
    /** Rounds of each race with two parties, so that both orders and the interleavings between them come up. */
    private static final int RACE_ROUNDS = 8;
    private static final int BURST = 8;

    /** The store under test; it may hold other tests' addresses, never this test's. */
    protected abstract SubscriberStore store();

    /**
     * The store as concurrent requests reach it, for the races. For a store whose backend is not
     * atomic per request in tests (moto), a view that is, as the real backend (DynamoDB) is.
     */
    protected SubscriberStore storeForConcurrentRequests() {
        return store();
    }

    /** When the record with this id expires, as stored (DynamoDB's TTL attribute: whole seconds); empty if it does not. */
    protected abstract Optional<Instant> recordExpiry(String id);

    /** Why the address with this id was suppressed, as stored. */
    protected abstract Optional<String> suppressionReason(String id);

    /** The states a test can bring an address to; {@code NONE} is no record at all. */
    protected enum State {
        NONE,
        PENDING,
        CONFIRMED,
        UNSUBSCRIBED,
        SUPPRESSED
    }

    private SubscriberStore store;
    private Reader reader;

    @BeforeEach
    void anAddressOfItsOwn() {
        store = store();
        reader = new Reader();
    }

    // ---------------------------------------------------------------- sign-up

    @Test
    void aSignUpWithoutARecordCreatesAPendingOneThatExpires() {
        PendingSubscription signUp = reader.signUp("first", T0);

        SavedPending saved = store.savePending(signUp, LIMITS);

        assertEquals(new SavedPending(PendingOutcome.CREATED,
                Optional.of(new EmailReservation("c-first", ConfirmationEmailCount.first(T0), Optional.empty()))), saved);
        assertEquals(new Subscriber(reader.id, reader.email, SubscriberStatus.PENDING, Optional.of("c-first"),
                Optional.of(signUp.tokenExpiresAt()), Set.of("u-first"), T0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(signUp.signUp()), Optional.empty(),
                Optional.of(ConfirmationEmailCount.first(T0)), List.of(ConsentEvent.signUp(signUp.signUp()))), reader.find());
        assertEquals(Optional.of(wholeSeconds(signUp.recordExpiresAt())), recordExpiry(reader.id));
    }

    @Test
    void aSignUpPastTheLimitsRenewsAPendingRecordReplacingItsConfirmationTokenAndKeepingEveryUnsubscribeLink() {
        Subscriber first = reader.bringTo(State.PENDING);
        Instant later = T0.plus(COOLDOWN);
        PendingSubscription again = reader.signUp("again", later);

        SavedPending saved = store.savePending(again, LIMITS);

        ConfirmationEmailCount reserved = first.confirmationEmails().orElseThrow().next(later);
        assertEquals(new SavedPending(PendingOutcome.RENEWED,
                Optional.of(new EmailReservation("c-again", reserved, first.confirmationEmails()))), saved);
        assertEquals(like(first).confirmToken("c-again", again.tokenExpiresAt())
                .unsubscribeTokenHashes("u-first", "u-again")
                .signUp(again.signUp())
                .confirmationEmails(reserved)
                .history(ConsentEvent.signUp(again.signUp())).build(), reader.find(),
                "the first sign-up's time stays; the new sign-up joins the history, its link joins the others");
        assertEquals(2, reserved.sentThatDay());
        assertEquals(Optional.of(wholeSeconds(again.recordExpiresAt())), recordExpiry(reader.id));
        assertFalse(store.confirm(reader.id, "c-first", reader.confirmation(later), "u-late"), "the older link is retired");
        assertTrue(store.unsubscribe(reader.id, "u-first", later), "the first email's unsubscribe link keeps working");
    }

    @Test
    void aSignUpPastTheLimitsMakesAnUnsubscribedRecordPendingAgain() {
        Subscriber unsubscribed = reader.bringTo(State.UNSUBSCRIBED);
        Instant later = T0.plus(Duration.ofDays(1));
        PendingSubscription again = reader.signUp("again", later);

        assertEquals(PendingOutcome.RENEWED, store.savePending(again, LIMITS).outcome());

        ConfirmationEmailCount reserved = ConfirmationEmailCount.first(T0).next(later);
        assertEquals(like(unsubscribed).status(SubscriberStatus.PENDING).confirmToken("c-again", again.tokenExpiresAt())
                .unsubscribeTokenHashes("u-first", "u-welcome", "u-again")
                .signUp(again.signUp()).confirmationEmails(reserved)
                .history(ConsentEvent.signUp(again.signUp())).build(),
                reader.find(), "double opt-in starts anew; the earlier confirmation and the opt-out stay on record");
        assertEquals(Optional.empty(), recordExpiry(reader.id), "a record ever confirmed or unsubscribed never expires");
        assertTrue(store.confirm(reader.id, "c-again", reader.confirmation(later), "u-welcome-again"));
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CONFIRMED", "SUPPRESSED"})
    void aSignUpChangesNothingForAConfirmedOrSuppressedAddressWhateverTheLimits(State state) {
        Subscriber before = reader.bringTo(state);
        Optional<Instant> expiry = recordExpiry(reader.id);

        SavedPending saved = store.savePending(reader.signUp("again", T0.plus(Duration.ofDays(2))), NO_LIMITS);

        assertEquals(SavedPending.unchanged(state == State.CONFIRMED ? PendingOutcome.ALREADY_CONFIRMED
                : PendingOutcome.SUPPRESSED), saved);
        assertEquals(before, reader.find());
        assertEquals(expiry, recordExpiry(reader.id));
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"PENDING", "CONFIRMED", "UNSUBSCRIBED", "SUPPRESSED"})
    void aSignUpWithinTheCooldownChangesNothingAtAll(State state) {
        Subscriber before = reader.bringTo(state);
        Optional<Instant> expiry = recordExpiry(reader.id);

        SavedPending saved = store.savePending(reader.signUp("again", T0.plus(COOLDOWN).minusSeconds(1)), LIMITS);

        PendingOutcome expected = switch (state) {
            case PENDING, UNSUBSCRIBED -> PendingOutcome.EMAIL_LIMITED;
            case CONFIRMED -> PendingOutcome.ALREADY_CONFIRMED;
            case SUPPRESSED -> PendingOutcome.SUPPRESSED;
            case NONE -> throw new AssertionError("not a case of this test");
        };
        assertEquals(SavedPending.unchanged(expected), saved);
        assertEquals(before, reader.find(), "not the token, not the consent record, not the status");
        assertEquals(expiry, recordExpiry(reader.id));
    }

    // ---------------------------------------------------------------- email limits

    @Test
    void theCooldownCountsInWholeSecondsFromTheLastEmail() {
        store.savePending(reader.signUp("first", T0), LIMITS);

        Instant justInside = T0.plus(COOLDOWN).minusMillis(300);
        assertEquals(PendingOutcome.EMAIL_LIMITED, store.savePending(reader.signUp("early", justInside), LIMITS).outcome());
        assertEquals(Optional.of("c-first"), reader.find().confirmTokenHash());
        Instant cooledDown = T0.plus(COOLDOWN).minusMillis(250);
        assertEquals(PendingOutcome.RENEWED, store.savePending(reader.signUp("second", cooledDown), LIMITS).outcome(),
                "the email went in the second " + T0.truncatedTo(ChronoUnit.SECONDS) + ", as stored");
        assertEquals(Optional.of("c-second"), reader.find().confirmTokenHash());
    }

    @Test
    void atMostTheDailyNumberOfEmailsGoInAUtcDayAndTheNextDayStartsAfresh() {
        store.savePending(reader.signUp("first", T0), LIMITS);
        store.savePending(reader.signUp("second", T0.plus(COOLDOWN)), LIMITS);
        Subscriber capped = reader.find();

        assertEquals(PendingOutcome.EMAIL_LIMITED,
                store.savePending(reader.signUp("third", T0.plus(Duration.ofHours(5))), LIMITS).outcome());
        assertEquals(capped, reader.find());

        Instant nextDay = Instant.parse("2026-11-30T00:00:00Z");
        SavedPending saved = store.savePending(reader.signUp("next-day", nextDay), LIMITS);
        assertEquals(PendingOutcome.RENEWED, saved.outcome());
        assertEquals(Optional.of(new ConfirmationEmailCount(nextDay, LocalDate.parse("2026-11-30"), 1)),
                reader.find().confirmationEmails());
    }

    @Test
    void aNewUtcDayLiftsTheCapButNotTheCooldown() {
        EmailLimits onePerDay = new EmailLimits(COOLDOWN, 1);
        Instant lateEvening = Instant.parse("2026-11-29T23:55:00.500Z");
        store.savePending(reader.signUp("evening", lateEvening), onePerDay);

        assertEquals(PendingOutcome.EMAIL_LIMITED,
                store.savePending(reader.signUp("midnight", Instant.parse("2026-11-30T00:01:00Z")), onePerDay).outcome(),
                "a new day, but within the cooldown");
        Instant morning = Instant.parse("2026-11-30T00:05:00Z");
        assertEquals(PendingOutcome.RENEWED, store.savePending(reader.signUp("morning", morning), onePerDay).outcome());
        assertEquals(Optional.of(ConfirmationEmailCount.first(morning)), reader.find().confirmationEmails());
    }

    @Test
    void aConfirmedAddressKeepsItsCountsAndAnUnsubscribedOneStillHasThemForTheCooldown() {
        Subscriber confirmed = reader.bringTo(State.CONFIRMED);
        assertEquals(Optional.of(ConfirmationEmailCount.first(T0)), confirmed.confirmationEmails());

        assertTrue(store.unsubscribe(reader.id, "u-first", T1));
        assertEquals(Optional.of(ConfirmationEmailCount.first(T0)), reader.find().confirmationEmails());
        assertEquals(PendingOutcome.EMAIL_LIMITED,
                store.savePending(reader.signUp("again", T1.plusSeconds(1)), LIMITS).outcome());
        assertEquals(SubscriberStatus.UNSUBSCRIBED, reader.find().status(), "an unsubscribed address stays unsubscribed");
    }

    @Test
    void releasingTheOnlyEmailRemovesTheCountsSoAnImmediateRetrySends() {
        EmailReservation failed = store.savePending(reader.signUp("failed", T0), LIMITS).reservation().orElseThrow();

        assertTrue(store.releaseConfirmationEmail(reader.id, failed));

        Subscriber released = reader.find();
        assertEquals(Optional.empty(), released.confirmationEmails());
        assertEquals(SubscriberStatus.PENDING, released.status(), "the pending record stays");
        assertEquals(Optional.of("c-failed"), released.confirmTokenHash());
        SavedPending retry = store.savePending(reader.signUp("retry", T0.plusSeconds(1)), LIMITS);
        assertEquals(Optional.of(new EmailReservation("c-retry", ConfirmationEmailCount.first(T0.plusSeconds(1)),
                Optional.empty())), retry.reservation());
    }

    @Test
    void releasingALaterEmailRestoresTheCountsItReplaced() {
        EmailReservation first = store.savePending(reader.signUp("first", T0), LIMITS).reservation().orElseThrow();
        EmailReservation second = store.savePending(reader.signUp("second", T0.plus(COOLDOWN)), LIMITS)
                .reservation().orElseThrow();
        assertEquals(Optional.of(first.reserved()), second.previous());

        assertTrue(store.releaseConfirmationEmail(reader.id, second));

        assertEquals(Optional.of(first.reserved()), reader.find().confirmationEmails());
        assertFalse(store.releaseConfirmationEmail(reader.id, second), "only once");
        assertEquals(Optional.of(first.reserved()), reader.find().confirmationEmails());
    }

    @Test
    void aReleaseNeverUndoesALaterSignUpsReservation() {
        EmailReservation first = store.savePending(reader.signUp("first", T0), LIMITS).reservation().orElseThrow();
        EmailReservation second = store.savePending(reader.signUp("second", T0.plus(COOLDOWN)), LIMITS)
                .reservation().orElseThrow();

        assertFalse(store.releaseConfirmationEmail(reader.id, first));

        assertEquals(Optional.of(second.reserved()), reader.find().confirmationEmails());
        assertEquals(Optional.of("c-second"), reader.find().confirmTokenHash());
    }

    @Test
    void aReleaseNeverUndoesAnotherSignUpsReservationEvenWithTheSameCounts() {
        EmailReservation failed = store.savePending(reader.signUp("failed", T0), LIMITS).reservation().orElseThrow();
        store.releaseConfirmationEmail(reader.id, failed);
        EmailReservation retry = store.savePending(reader.signUp("retry", T0), LIMITS).reservation().orElseThrow();
        assertEquals(failed.reserved(), retry.reserved(), "the same second: the same counts");

        assertFalse(store.releaseConfirmationEmail(reader.id, failed), "the token tells them apart");
        assertEquals(Optional.of(retry.reserved()), reader.find().confirmationEmails());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"UNSUBSCRIBED", "SUPPRESSED"})
    void aReleaseAfterTheAddressLeftChangesNothing(State state) {
        Subscriber left = reader.bringTo(state);
        EmailReservation first = new EmailReservation("c-first", ConfirmationEmailCount.first(T0), Optional.empty());
        assertEquals(Optional.of(first.reserved()), left.confirmationEmails(), "the counts are still the first email's");

        assertFalse(store.releaseConfirmationEmail(reader.id, first), "but its token went with the opt-out");

        assertEquals(left, reader.find());
    }

    /** Each sign-up, confirmation and unsubscribe is kept, in order, bounded by dropping the oldest. */
    @Test
    void theConsentHistoryKeepsEveryStepInOrderUpToItsBound() {
        reader.bringTo(State.UNSUBSCRIBED);
        List<ConsentEvent> before = reader.find().consentHistory();
        assertEquals(List.of(ConsentEvent.Kind.SIGN_UP, ConsentEvent.Kind.CONFIRMATION, ConsentEvent.Kind.UNSUBSCRIBE),
                before.stream().map(ConsentEvent::kind).toList());
        assertEquals(reader.confirmation(T1).ip(), before.get(1).ip(), "with the IP and user agent it came from");

        Instant at = T1.plus(Duration.ofDays(1));
        for (int i = 0; i < Subscriber.MAX_CONSENT_HISTORY; i++) {
            at = at.plus(COOLDOWN);
            assertEquals(PendingOutcome.RENEWED, store.savePending(reader.signUp("again-" + i, at), NO_LIMITS).outcome());
        }

        List<ConsentEvent> history = reader.find().consentHistory();
        assertEquals(Subscriber.MAX_CONSENT_HISTORY, history.size(), "bounded");
        assertEquals(at, history.get(history.size() - 1).at(), "the latest sign-up last");
        assertEquals(ConsentEvent.Kind.SIGN_UP, history.get(0).kind(), "the oldest steps dropped first");
        assertTrue(reader.find().isKeptForGood(), "still known to have been confirmed and unsubscribed");
        assertEquals(Optional.empty(), recordExpiry(reader.id));
    }

    /** A record only ever pending may expire; its links of every email work while it lives, up to a bound. */
    @Test
    void aPendingRecordKeepsTheUnsubscribeLinkOfEachEmailUpToItsBound() {
        Instant at = T0;
        for (int i = 0; i < Subscriber.MAX_UNSUBSCRIBE_LINKS; i++) {
            store.savePending(reader.signUp("s" + i, at), NO_LIMITS);
            at = at.plus(COOLDOWN);
        }
        assertEquals(Subscriber.MAX_UNSUBSCRIBE_LINKS, reader.find().unsubscribeTokenHashes().size());
        assertTrue(recordExpiry(reader.id).isPresent(), "never confirmed: it expires");

        store.savePending(reader.signUp("past-bound", at), NO_LIMITS);

        assertEquals(Set.of("u-past-bound"), reader.find().unsubscribeTokenHashes(), "past the bound the links start again");
        assertTrue(store.unsubscribe(reader.id, "u-past-bound", at));
    }

    // ---------------------------------------------------------------- confirm

    @Test
    void confirmingAPendingRecordKeepsItsTokenAddsTheWelcomeLinkAndEndsItsExpiry() {
        Subscriber pending = reader.bringTo(State.PENDING);
        Consent confirmation = reader.confirmation(T1);

        assertTrue(store.confirm(reader.id, "c-first", confirmation, "u-welcome"));

        Subscriber confirmed = reader.find();
        assertEquals(like(pending).status(SubscriberStatus.CONFIRMED).unsubscribeTokenHashes("u-first", "u-welcome")
                .confirmedAt(Optional.of(T1)).confirmation(Optional.of(confirmation))
                .history(ConsentEvent.confirmation(confirmation)).build(), confirmed);
        assertTrue(confirmed.isConfirmedWith("c-first"), "the same link used again reads as already confirmed");
        assertEquals(Optional.empty(), recordExpiry(reader.id), "a confirmed subscriber does not expire");
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void onlyAPendingRecordCanBeConfirmedAndOnlyWithItsCurrentToken(State state) {
        Subscriber before = reader.bringTo(state);
        Optional<Instant> expiry = recordExpiry(reader.id);

        assertFalse(store.confirm(reader.id, "c-unknown", reader.confirmation(T1), "u-welcome-2"), "a token never sent");
        assertEquals(before, reader.findIfAny());
        boolean confirmed = store.confirm(reader.id, "c-first", reader.confirmation(T1), "u-welcome-2");

        assertEquals(state == State.PENDING, confirmed);
        if (state != State.PENDING) {
            assertEquals(before, reader.findIfAny(), "no record is created, none is changed");
            assertEquals(expiry, recordExpiry(reader.id));
        }
    }

    @Test
    void aTokenSupersededByANewerSignUpConfirmsNothing() {
        reader.bringTo(State.PENDING);
        store.savePending(reader.signUp("newer", T1), NO_LIMITS);
        Subscriber renewed = reader.find();

        assertFalse(store.confirm(reader.id, "c-first", reader.confirmation(T1), "u-welcome"));

        assertEquals(renewed, reader.find());
        assertTrue(store.confirm(reader.id, "c-newer", reader.confirmation(T1), "u-welcome"));
    }

    // ---------------------------------------------------------------- unsubscribe

    @Test
    void unsubscribingAPendingRecordRetiresItsConfirmationLinkAndKeepsTheOptOutOnRecord() {
        Subscriber pending = reader.bringTo(State.PENDING);

        assertTrue(store.unsubscribe(reader.id, "u-first", T1));

        assertEquals(like(pending).status(SubscriberStatus.UNSUBSCRIBED).noConfirmToken()
                .unsubscribedAt(Optional.of(T1)).history(ConsentEvent.unsubscribe(T1)).build(), reader.find(),
                "its unsubscribe links stay, so using one again reads as already unsubscribed");
        assertEquals(Optional.empty(), recordExpiry(reader.id), "the opt-out does not expire");
        assertFalse(store.confirm(reader.id, "c-first", reader.confirmation(T1), "u-late"),
                "a confirmation after it cannot resurrect the subscription");
    }

    @Test
    void unsubscribingAConfirmedRecordWorksFromAnyOfItsEmailsAndKeepsWhenItWasConfirmed() {
        Subscriber confirmed = reader.bringTo(State.CONFIRMED);
        Instant later = T1.plus(Duration.ofDays(30));

        assertTrue(store.unsubscribe(reader.id, "u-first", later), "the confirmation email's link");

        assertEquals(like(confirmed).status(SubscriberStatus.UNSUBSCRIBED).noConfirmToken()
                .unsubscribedAt(Optional.of(later)).history(ConsentEvent.unsubscribe(later)).build(), reader.find());
        Reader other = new Reader();
        other.bringTo(State.CONFIRMED);
        assertTrue(store.unsubscribe(other.id, "u-welcome", later), "the welcome email's link");
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void onlyAPendingOrConfirmedRecordCanBeUnsubscribedAndOnlyWithOneOfItsTokens(State state) {
        Subscriber before = reader.bringTo(state);
        Optional<Instant> expiry = recordExpiry(reader.id);

        assertFalse(store.unsubscribe(reader.id, "u-never-sent", T1));
        assertEquals(before, reader.findIfAny());
        boolean unsubscribed = store.unsubscribe(reader.id, "u-first", T1);

        assertEquals(state == State.PENDING || state == State.CONFIRMED, unsubscribed);
        if (!unsubscribed) {
            assertEquals(before, reader.findIfAny(), "no record is created, none is changed");
            assertEquals(expiry, recordExpiry(reader.id));
        }
    }

    // ---------------------------------------------------------------- already-subscribed note

    @Test
    void aConfirmedRecordIsNotedAtMostOncePerIntervalInWholeSecondsAndEachNoteAddsItsLink() {
        Subscriber confirmed = reader.bringTo(State.CONFIRMED);
        Instant first = T1.plusMillis(600);

        assertTrue(store.recordAlreadySubscribedNote(reader.id, first, first.minus(NOTE_INTERVAL), "u-note-1"));
        assertEquals(like(confirmed).unsubscribeTokenHashes("u-first", "u-welcome", "u-note-1")
                .alreadySubscribedNoteAt(Optional.of(wholeSeconds(first))).build(), reader.find(),
                "the note's time is kept to the second");

        Instant tooSoon = first.plus(NOTE_INTERVAL).minusSeconds(1);
        assertFalse(store.recordAlreadySubscribedNote(reader.id, tooSoon, tooSoon.minus(NOTE_INTERVAL), "u-note-2"));
        Instant sameSecond = wholeSeconds(first).plus(NOTE_INTERVAL);
        assertTrue(store.recordAlreadySubscribedNote(reader.id, sameSecond, sameSecond.minus(NOTE_INTERVAL), "u-note-3"),
                "an interval after the note's second");
        Subscriber noted = reader.find();
        assertEquals(Optional.of(sameSecond), noted.alreadySubscribedNoteAt());
        assertEquals(Set.of("u-first", "u-welcome", "u-note-1", "u-note-3"), noted.unsubscribeTokenHashes(),
                "a refused note adds no link");
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void onlyAConfirmedRecordIsNoted(State state) {
        Subscriber before = reader.bringTo(state);

        boolean noted = store.recordAlreadySubscribedNote(reader.id, T1, T1.minus(NOTE_INTERVAL), "u-note");

        assertEquals(state == State.CONFIRMED, noted);
        if (!noted) {
            assertEquals(before, reader.findIfAny(), "no record is created, none is changed");
        }
    }

    @Test
    void aNoteSurvivesUnsubscribingAndSigningUpAgain() {
        reader.bringTo(State.CONFIRMED);
        store.recordAlreadySubscribedNote(reader.id, T1, T1.minus(NOTE_INTERVAL), "u-note");
        store.unsubscribe(reader.id, "u-note", T1.plusSeconds(5));
        Instant later = T1.plus(Duration.ofHours(1));
        store.savePending(reader.signUp("again", later), LIMITS);
        store.confirm(reader.id, "c-again", reader.confirmation(later), "u-welcome-again");

        assertFalse(store.recordAlreadySubscribedNote(reader.id, later, later.minus(NOTE_INTERVAL), "u-note-2"),
                "the note's interval runs across a new opt-in");
    }

    // ---------------------------------------------------------------- suppress

    @Test
    void suppressingAnAddressWithoutARecordCreatesOneThatNeverExpires() {
        assertTrue(store.suppress(reader.id, reader.email, T0, "BOUNCE"));

        assertEquals(new Subscriber(reader.id, reader.email, SubscriberStatus.SUPPRESSED, Optional.empty(), Optional.empty(),
                Set.of(), T0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(ConsentEvent.suppression(T0, "BOUNCE"))), reader.find());
        assertEquals(Optional.of("BOUNCE"), suppressionReason(reader.id));
        assertEquals(Optional.empty(), recordExpiry(reader.id));
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"PENDING", "CONFIRMED", "UNSUBSCRIBED"})
    void suppressingARecordRetiresItsConfirmationLinkAndKeepsItsHistory(State state) {
        Subscriber before = reader.bringTo(state);

        assertTrue(store.suppress(reader.id, reader.email, T1.plusSeconds(30), "COMPLAINT"));

        assertEquals(like(before).status(SubscriberStatus.SUPPRESSED).noConfirmToken()
                .history(ConsentEvent.suppression(T1.plusSeconds(30), "COMPLAINT")).build(), reader.find());
        assertEquals(Optional.of("COMPLAINT"), suppressionReason(reader.id));
        assertEquals(Optional.empty(), recordExpiry(reader.id));
        assertFalse(store.unsubscribe(reader.id, "u-first", T1.plusSeconds(31)), "its links stop working");
        assertFalse(store.confirm(reader.id, "c-first", reader.confirmation(T1.plusSeconds(31)), "u-late"));
    }

    @Test
    void suppressingASuppressedAddressChangesNothing() {
        Subscriber suppressed = reader.bringTo(State.SUPPRESSED);
        Optional<String> reason = suppressionReason(reader.id);

        assertFalse(store.suppress(reader.id, reader.email, T1.plus(Duration.ofDays(1)), "COMPLAINT"));

        assertEquals(suppressed, reader.find());
        assertEquals(reason, suppressionReason(reader.id));
    }

    // ---------------------------------------------------------------- races, with real threads

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"NONE", "PENDING", "UNSUBSCRIBED"})
    void ofConcurrentSignUpsForOneAddressOneReservesTheEmailAndTheOthersAreLimited(State state) throws Exception {
        reader.bringTo(state);
        Instant now = T0.plus(Duration.ofDays(1));
        SubscriberStore racing = storeForConcurrentRequests();

        List<SavedPending> saved = atOnce(BURST, i -> () -> racing.savePending(reader.signUp("burst-" + i, now), LIMITS));

        List<SavedPending> writers = saved.stream().filter(s -> s.reservation().isPresent()).toList();
        assertEquals(1, writers.size(), saved::toString);
        assertEquals(BURST - 1, saved.stream().filter(s -> s.outcome() == PendingOutcome.EMAIL_LIMITED).count(),
                saved::toString);
        Subscriber stored = reader.find();
        assertEquals(Optional.of(writers.get(0).reservation().orElseThrow().tokenHash()), stored.confirmTokenHash(),
                "the winner's token is the one stored, so its email's link works");
        assertEquals(writers.get(0).reservation().orElseThrow().reserved(), stored.confirmationEmails().orElseThrow());
        assertEquals(SubscriberStatus.PENDING, stored.status());
    }

    @Test
    void aConfirmationRacingAnUnsubscribeNeverResurrectsTheSubscription() throws Exception {
        SubscriberStore racing = storeForConcurrentRequests();
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Reader racer = new Reader();
            racer.bringTo(State.PENDING);

            List<Boolean> results = atOnce(2, i -> i == 0
                    ? () -> racing.confirm(racer.id, "c-first", racer.confirmation(T1), "u-welcome")
                    : () -> racing.unsubscribe(racer.id, "u-first", T1));

            boolean confirmed = results.get(0);
            assertTrue(results.get(1), "a pending or confirmed address can always leave");
            Subscriber after = racer.find();
            assertEquals(SubscriberStatus.UNSUBSCRIBED, after.status());
            assertEquals(confirmed, after.confirmedAt().isPresent(), "confirmed only if the confirmation came first");
            assertEquals(Optional.empty(), after.confirmTokenHash());
            assertEquals(Optional.empty(), recordExpiry(racer.id));
        }
    }

    @Test
    void aSuppressionDuringASignUpAlwaysWins() throws Exception {
        SubscriberStore racing = storeForConcurrentRequests();
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Reader racer = new Reader();
            if (round % 2 == 1) {
                racer.bringTo(State.PENDING);
            }
            Instant now = T0.plus(Duration.ofDays(1));

            List<Object> results = atOnce(2, i -> i == 0
                    ? () -> racing.savePending(racer.signUp("racing", now), LIMITS)
                    : () -> racing.suppress(racer.id, racer.email, now, "BOUNCE"));

            assertEquals(true, results.get(1), "whatever the sign-up did, the address was not suppressed yet");
            Subscriber after = racer.find();
            assertEquals(SubscriberStatus.SUPPRESSED, after.status());
            assertEquals(Optional.empty(), after.confirmTokenHash(), "no link of the sign-up works");
            assertEquals(Optional.empty(), recordExpiry(racer.id));
        }
    }

    @Test
    void ofConcurrentClicksOnOneConfirmationLinkOneConfirms() throws Exception {
        reader.bringTo(State.PENDING);
        SubscriberStore racing = storeForConcurrentRequests();

        List<Boolean> results = atOnce(4, i -> () -> racing.confirm(reader.id, "c-first", reader.confirmation(T1), "u-welcome-" + i));

        assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results::toString);
        assertEquals(2, reader.find().unsubscribeTokenHashes().size(), "the confirmation email's link and one welcome's");
    }

    @Test
    void ofConcurrentSignUpsOfAConfirmedAddressOneIsSentTheNote() throws Exception {
        reader.bringTo(State.CONFIRMED);
        SubscriberStore racing = storeForConcurrentRequests();

        List<Boolean> results = atOnce(4,
                i -> () -> racing.recordAlreadySubscribedNote(reader.id, T1, T1.minus(NOTE_INTERVAL), "u-note-" + i));

        assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results::toString);
    }

    @Test
    void ofConcurrentUnsubscribesOneUnsubscribes() throws Exception {
        reader.bringTo(State.CONFIRMED);
        SubscriberStore racing = storeForConcurrentRequests();

        List<Boolean> results = atOnce(4, i -> () -> racing.unsubscribe(reader.id, i % 2 == 0 ? "u-first" : "u-welcome", T1));

        assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results::toString);
    }

    @Test
    void aReleaseRacingALaterSignUpNeverUndoesItsReservation() throws Exception {
        SubscriberStore racing = storeForConcurrentRequests();
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Reader racer = new Reader();
            EmailReservation failed = store.savePending(racer.signUp("failed", T0), LIMITS).reservation().orElseThrow();
            Instant later = T0.plus(COOLDOWN);

            List<Object> results = atOnce(2, i -> i == 0
                    ? () -> racing.releaseConfirmationEmail(racer.id, failed)
                    : () -> racing.savePending(racer.signUp("later", later), LIMITS));

            SavedPending signUp = (SavedPending) results.get(1);
            EmailReservation reserved = signUp.reservation().orElseThrow(
                    () -> new AssertionError("past the cooldown whether or not the release came first: " + signUp));
            assertEquals(reserved.reserved(), racer.find().confirmationEmails().orElseThrow(),
                    "released first: " + results.get(0));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code count} calls on as many threads, released at once, and returns their results in order. */
    private static <T> List<T> atOnce(int count, java.util.function.IntFunction<Callable<? extends T>> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<? extends T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<? extends T> call = calls.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<? extends T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Instant wholeSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** An address of its own, and the steps that bring it to each state through the store. */
    private final class Reader {
        final EmailAddress email = EmailAddress.parse("contract." + UUID.randomUUID() + "@example.com");
        final String id = SubscriberId.of(email, TestKeys.IDENTIFIERS);

        /** A sign-up whose confirmation token hash is {@code c-<name>} and unsubscribe token hash {@code u-<name>}. */
        PendingSubscription signUp(String name, Instant at) {
            Instant tokenExpiresAt = at.plus(Duration.ofHours(48));
            return new PendingSubscription(id, email, "c-" + name, tokenExpiresAt, "u-" + name,
                    new Consent(at, "203.0.113.9", "Browser/" + name), tokenExpiresAt.plus(Duration.ofDays(1)));
        }

        Consent confirmation(Instant at) {
            return new Consent(at, "2001:db8::1", "Confirmer/1.0");
        }

        /**
         * Brings the address to {@code state} as the lifecycle does: signed up at {@link #T0} (token
         * {@code first}), confirmed at {@link #T1} (welcome link {@code u-welcome}), then
         * unsubscribed or suppressed a second later. Returns the record as stored.
         */
        Subscriber bringTo(State state) {
            if (state == State.NONE) {
                return null;
            }
            assertEquals(PendingOutcome.CREATED, store.savePending(signUp("first", T0), LIMITS).outcome());
            if (state == State.CONFIRMED || state == State.UNSUBSCRIBED || state == State.SUPPRESSED) {
                assertTrue(store.confirm(id, "c-first", confirmation(T1), "u-welcome"));
            }
            if (state == State.UNSUBSCRIBED) {
                assertTrue(store.unsubscribe(id, "u-welcome", T1.plusSeconds(1)));
            }
            if (state == State.SUPPRESSED) {
                assertTrue(store.suppress(id, email, T1.plusSeconds(1), "BOUNCE"));
            }
            Subscriber stored = find();
            assertEquals(state.name(), stored.status().name());
            return stored;
        }

        Subscriber find() {
            return store.find(id).orElseThrow(() -> new AssertionError("no record"));
        }

        /** The record, or null when there is none. */
        Subscriber findIfAny() {
            return store.find(id).orElse(null);
        }
    }

    private static Expected like(Subscriber subscriber) {
        return new Expected(subscriber);
    }

    /** A subscriber record as a transition should leave it: the one before, with what the transition changes. */
    private static final class Expected {
        private Subscriber s;

        Expected(Subscriber subscriber) {
            this.s = subscriber;
        }

        Expected status(SubscriberStatus status) {
            s = new Subscriber(s.id(), s.email(), status, s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected confirmToken(String hash, Instant expiresAt) {
            return confirmToken(Optional.of(hash), Optional.of(expiresAt));
        }

        Expected noConfirmToken() {
            return confirmToken(Optional.empty(), Optional.empty());
        }

        private Expected confirmToken(Optional<String> hash, Optional<Instant> expiresAt) {
            s = new Subscriber(s.id(), s.email(), s.status(), hash, expiresAt,
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected unsubscribeTokenHashes(String... hashes) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    Set.of(hashes), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected confirmedAt(Optional<Instant> confirmedAt) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), confirmedAt, s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected unsubscribedAt(Optional<Instant> unsubscribedAt) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), unsubscribedAt,
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected alreadySubscribedNoteAt(Optional<Instant> noteAt) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    noteAt, s.signUp(), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected signUp(Consent signUp) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), Optional.of(signUp), s.confirmation(), s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected confirmation(Optional<Consent> confirmation) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), confirmation, s.confirmationEmails(), s.consentHistory());
            return this;
        }

        Expected confirmationEmails(ConfirmationEmailCount emails) {
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), Optional.of(emails), s.consentHistory());
            return this;
        }

        /** The consent history with these steps appended. */
        Expected history(ConsentEvent... events) {
            List<ConsentEvent> history = new java.util.ArrayList<>(s.consentHistory());
            history.addAll(List.of(events));
            s = new Subscriber(s.id(), s.email(), s.status(), s.confirmTokenHash(), s.confirmTokenExpiresAt(),
                    s.unsubscribeTokenHashes(), s.createdAt(), s.confirmedAt(), s.unsubscribedAt(),
                    s.alreadySubscribedNoteAt(), s.signUp(), s.confirmation(), s.confirmationEmails(), history);
            return this;
        }

        Subscriber build() {
            return s;
        }
    }
}
