package news.articles.subscription;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.error.RejectedException;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.subscription.SubscriptionService.Confirmation;
import news.articles.subscription.SubscriptionService.Unsubscription;
import news.articles.testing.Articles;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionServiceTest {

    private static final String ADDRESS = "Reader@Example.com";
    private static final String ID = SubscriberId.of(EmailAddress.parse(ADDRESS), TestKeys.IDENTIFIERS);

    private final Subscriptions subscriptions = new Subscriptions();
    private final SubscriptionService service = subscriptions.service;

    @Test
    void aNewAddressGetsOneEmailWithAConfirmationLink() {
        service.subscribe("  " + ADDRESS + " ", Subscriptions.REQUESTER);

        assertEquals(1, subscriptions.mailer.sent().size());
        EmailMessage email = subscriptions.mailer.last();
        String link = Subscriptions.link(email);
        assertEquals("Reader@example.com", email.to());
        assertEquals("Confirm your subscription to The Newsroom", email.subject());
        assertTrue(link.matches("https://news\\.example\\.com/subscriptions/confirm\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                link);
        assertTrue(email.text().contains(link), email.text());
        assertTrue(email.html().contains("href=\"" + link + "\""), email.html());
        assertTrue(email.text().contains("valid for 48 hours"), email.text());
        assertFalse(email.toString().contains("Reader"), "an email's toString names no address");
        assertFalse(email.toString().contains(Subscriptions.token(email)), "an email's toString carries no token");
    }

    @Test
    void aNewAddressIsStoredPendingWithTheHashOfTheTokenOnly() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        ConfirmationToken token = ConfirmationToken.parse(subscriptions.lastToken());
        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        String storedHash = stored.confirmTokenHash().orElseThrow();
        assertEquals(ID, token.subscriberId());
        assertEquals(SubscriberStatus.PENDING, stored.status());
        assertEquals("Reader@example.com", stored.email().value());
        assertEquals(token.secretHash(), storedHash);
        assertFalse(storedHash.contains(token.secret()));
        assertNotEquals(token.value(), storedHash);
        assertEquals(Optional.of(Articles.NOW.plus(Subscriptions.TOKEN_TTL)), stored.confirmTokenExpiresAt());
        assertEquals(Articles.NOW, stored.createdAt());
        assertEquals(Optional.of(Articles.NOW.plus(Subscriptions.TOKEN_TTL).plus(Duration.ofDays(1))),
                subscriptions.store.recordExpiry(ID));
    }

    @Test
    void theSubscriberIdIsNotTheAddressAndIgnoresCase() {
        assertFalse(ID.toLowerCase().contains("reader"));
        assertEquals(ID, SubscriberId.of(EmailAddress.parse("reader@example.com"), TestKeys.IDENTIFIERS));
        assertNotEquals(ID, SubscriberId.of(EmailAddress.parse("reader2@example.com"), TestKeys.IDENTIFIERS));
    }

    @Test
    void aPendingAddressGetsAFreshLinkAndTheOldOneStopsWorking() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String first = subscriptions.lastToken();
        subscriptions.clock.advance(Duration.ofHours(1));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String second = subscriptions.lastToken();

        assertEquals(2, subscriptions.mailer.sent().size());
        assertNotEquals(first, second);
        assertEquals(Articles.NOW, subscriptions.store.find(ID).orElseThrow().createdAt());
        assertInvalidToken(() -> service.confirm(first, Subscriptions.REQUESTER));
        assertEquals(Confirmation.CONFIRMED, service.confirm(second, Subscriptions.REQUESTER));
    }

    @Test
    void aSignUpWithinTheCooldownSendsNothingChangesNothingAndTheFirstLinkStillConfirms() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String first = subscriptions.lastToken();
        Subscriber before = subscriptions.store.find(ID).orElseThrow();
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN.minusSeconds(1));

        service.subscribe(ADDRESS, new Requester("203.0.113.9", "Other/1.0"));

        assertEquals(1, subscriptions.mailer.sent().size());
        assertEquals(before, subscriptions.store.find(ID).orElseThrow(), "not even the consent record or the token");
        assertEquals(Optional.of(ConfirmationEmailCount.first(Articles.NOW)), subscriptions.store.confirmationEmails(ID));
        assertEquals(Confirmation.CONFIRMED, service.confirm(first, Subscriptions.REQUESTER));
    }

    @Test
    void onceTheCooldownHasPassedASignUpGetsANewEmailWithANewToken() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String first = subscriptions.lastToken();
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(2, subscriptions.mailer.sent().size());
        String second = subscriptions.lastToken();
        assertNotEquals(first, second);
        assertInvalidToken(() -> service.confirm(first, Subscriptions.REQUESTER));
        assertEquals(Confirmation.CONFIRMED, service.confirm(second, Subscriptions.REQUESTER));
    }

    @Test
    void aPendingAddressGetsAtMostTheDailyNumberOfEmailsUntilTheUtcDayEnds() {
        for (int i = 0; i < Subscriptions.EMAILS_PER_DAY; i++) {
            service.subscribe(ADDRESS, Subscriptions.REQUESTER);
            subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
        }
        String lastOfTheDay = subscriptions.lastToken();
        subscriptions.clock.advance(Duration.ofHours(5));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(Subscriptions.EMAILS_PER_DAY, subscriptions.mailer.sent().size(), "capped for the day");
        assertEquals(lastOfTheDay, subscriptions.lastToken());
        subscriptions.clock.advance(Duration.between(subscriptions.clock.instant(), Instant.parse("2025-06-03T00:00:00Z")));
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertEquals(Subscriptions.EMAILS_PER_DAY + 1, subscriptions.mailer.sent().size(), "a new UTC day, a new allowance");
        assertEquals(Optional.of(new ConfirmationEmailCount(Instant.parse("2025-06-03T00:00:00Z"),
                java.time.LocalDate.parse("2025-06-03"), 1)), subscriptions.store.confirmationEmails(ID));
        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
    }

    @Test
    void aFailedSendGivesBackItsEmailSoAnImmediateRetrySends() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
        Optional<ConfirmationEmailCount> beforeTheFailure = subscriptions.store.confirmationEmails(ID);
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));

        assertThrows(MailException.class, () -> service.subscribe(ADDRESS, Subscriptions.REQUESTER));
        assertEquals(beforeTheFailure, subscriptions.store.confirmationEmails(ID), "the cooldown is not used up");
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertEquals(2, subscriptions.mailer.sent().size());
        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
    }

    @Test
    void aSendThatMayHaveGoneKeepsItsTokenAndCountSoARetryInsideTheCooldownDoesNotRetireTheLink() {
        subscriptions.mailer.failNextWith(new MailException("SES timed out", true, true, null));
        assertThrows(MailException.class, () -> service.subscribe(ADDRESS, Subscriptions.REQUESTER));
        Subscriber afterTimeout = subscriptions.store.find(ID).orElseThrow();
        assertTrue(subscriptions.store.confirmationEmails(ID).isPresent(), "the email may have gone: it counts");

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertEquals(0, subscriptions.mailer.sent().size(), "inside the cooldown: no second email");
        assertEquals(afterTimeout.confirmTokenHash(), subscriptions.store.find(ID).orElseThrow().confirmTokenHash(),
                "the token of the email that may have arrived still confirms");
    }

    @Test
    void aFailedFirstSendLeavesNoCountSoTheAddressIsNotCappedByFailures() {
        for (int i = 0; i < Subscriptions.EMAILS_PER_DAY + 2; i++) {
            subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", false, null));
            assertThrows(MailException.class, () -> service.subscribe(ADDRESS, Subscriptions.REQUESTER));
        }
        assertEquals(Optional.empty(), subscriptions.store.confirmationEmails(ID));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertEquals(1, subscriptions.mailer.sent().size());
    }

    @Test
    void aReleaseDoesNotUndoALaterSignUpsEmail() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        ConfirmationToken firstToken = ConfirmationToken.parse(subscriptions.lastToken());
        ConfirmationEmailCount first = subscriptions.store.confirmationEmails(ID).orElseThrow();
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        ConfirmationEmailCount second = subscriptions.store.confirmationEmails(ID).orElseThrow();

        assertFalse(subscriptions.store.releaseConfirmationEmail(ID,
                new news.articles.subscription.SubscriberStore.EmailReservation(firstToken.secretHash(), first, Optional.empty())));
        assertEquals(second, subscriptions.store.confirmationEmails(ID).orElseThrow());
    }

    @Test
    void reSubscribingWithinTheCooldownOfTheLastConfirmationLeavesTheAddressUnsubscribed() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        service.unsubscribe(Subscriptions.unsubscribeToken(subscriptions.mailer.last()), Subscriptions.REQUESTER);

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(1, subscriptions.mailer.sent().size());
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aConfirmedAddressGetsAnAlreadySubscribedNoteAtMostOnceADayAndStaysConfirmed() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        Subscriber confirmed = subscriptions.store.find(ID).orElseThrow();

        service.subscribe(ADDRESS.toLowerCase(), Subscriptions.REQUESTER);
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.clock.advance(Duration.ofHours(23));
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(3, subscriptions.mailer.sent().size(), "the confirmation, the welcome and one note");
        EmailMessage note = subscriptions.mailer.last();
        assertEquals("You are already subscribed to The Newsroom", note.subject());
        assertEquals("reader@example.com", note.to(), "to the address as given this time");
        assertFalse(note.text().contains(Subscriptions.CONFIRM_LINK_PREFIX), "nothing to confirm");
        assertTrue(note.html().contains("href=\"" + note.unsubscribeUrl() + "\""));
        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.CONFIRMED, stored.status());
        assertEquals(confirmed.confirmedAt(), stored.confirmedAt());
        assertEquals(confirmed.confirmTokenHash(), stored.confirmTokenHash());
        assertEquals(Optional.of(Articles.NOW), stored.alreadySubscribedNoteAt());

        subscriptions.clock.advance(Duration.ofHours(1));
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertEquals(4, subscriptions.mailer.sent().size(), "a day after the last note, another");
        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(Subscriptions.unsubscribeToken(subscriptions.mailer.last()), Subscriptions.REQUESTER),
                "the note's own unsubscribe link works");
    }

    @Test
    void aFailedNoteIsNotAnErrorSoAConfirmedAddressAnswersTheSame() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void confirmingTwiceIsASuccessBothTimes() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String token = subscriptions.lastToken();

        assertEquals(Confirmation.CONFIRMED, service.confirm(token, Subscriptions.REQUESTER));
        subscriptions.clock.advance(Duration.ofMinutes(5));
        assertEquals(Confirmation.ALREADY_CONFIRMED, service.confirm(token, Subscriptions.REQUESTER));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.CONFIRMED, stored.status());
        assertEquals(Optional.of(Articles.NOW), stored.confirmedAt());
        assertEquals(Optional.empty(), subscriptions.store.recordExpiry(ID));
    }

    @Test
    void aConfirmedSubscribersLinkStillSaysAlreadyConfirmedAfterItExpired() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String token = subscriptions.lastToken();
        service.confirm(token, Subscriptions.REQUESTER);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL.multipliedBy(10));

        assertEquals(Confirmation.ALREADY_CONFIRMED, service.confirm(token, Subscriptions.REQUESTER));
    }

    @Test
    void aTokenWorksUntilJustBeforeItExpires() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL.minusSeconds(1));

        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
    }

    @Test
    void anExpiredTokenIsA410AndConfirmsNothing() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL);

        RejectedException error = assertThrows(RejectedException.class,
                () -> service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));

        assertEquals(RejectedException.Reason.EXPIRED, error.reason());
        assertEquals("TOKEN_EXPIRED", error.code());
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void subscribingAgainAfterExpiryGivesALinkThatWorks() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL.plusHours(1));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
    }

    @Test
    void aWrongSecretIsAnInvalidToken() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        ConfirmationToken real = ConfirmationToken.parse(subscriptions.lastToken());
        String forged = real.subscriberId() + "." + "A".repeat(real.secret().length());

        assertInvalidToken(() -> service.confirm(forged, Subscriptions.REQUESTER));
        assertInvalidToken(() -> service.confirm(real.subscriberId() + "." + real.secretHash(), Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aTokenForAnUnknownSubscriberIsAnInvalidToken() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        ConfirmationToken real = ConfirmationToken.parse(subscriptions.lastToken());

        assertInvalidToken(() -> service.confirm("unknownsubscriber." + real.secret(), Subscriptions.REQUESTER));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "a.b.c", "abc.", "<script>alert(1)</script>.x"})
    void aMalformedTokenIsAnInvalidToken(String token) {
        assertInvalidToken(() -> service.confirm(token, Subscriptions.REQUESTER));
    }

    @Test
    void whenTheMailerFailsTheFailurePropagatesAndTheSignUpIsKept() {
        MailException outage = new MailException("SES did not accept the message (ThrottlingException)", true, null);
        subscriptions.mailer.failNextWith(outage);

        MailException thrown = assertThrows(MailException.class, () -> service.subscribe(ADDRESS, Subscriptions.REQUESTER));

        assertSame(outage, thrown);
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(List.of(), subscriptions.mailer.sent());
    }

    @Test
    void aRetryAfterAMailFailureSendsAFreshLinkThatConfirms() {
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));
        assertThrows(MailException.class, () -> service.subscribe(ADDRESS, Subscriptions.REQUESTER));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(1, subscriptions.mailer.sent().size());
        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-an-address", "reader@localhost", "reader@example.com\r\nBcc: x@example.org"})
    void anInvalidAddressIsA400AndNothingIsStoredOrSent(String address) {
        RejectedException error = assertThrows(RejectedException.class, () -> service.subscribe(address, Subscriptions.REQUESTER));

        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_EMAIL", error.code());
        assertEquals(0, subscriptions.store.writes());
        assertEquals(Map.of(), subscriptions.store.snapshot());
        assertEquals(List.of(), subscriptions.mailer.sent());
    }

    @Test
    void aClickThatLosesTheRaceToAnotherClickIsAlreadyConfirmed() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String token = subscriptions.lastToken();
        ConfirmationToken parsed = ConfirmationToken.parse(token);
        subscriptions.store.beforeNextConfirm(
                () -> subscriptions.store.confirm(ID, parsed.secretHash(),
                        new Consent(Instant.parse("2025-06-02T09:30:01Z"), "203.0.113.1", "other"), "other"));

        assertEquals(Confirmation.ALREADY_CONFIRMED, service.confirm(token, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aClickThatLosesTheRaceToANewSignUpIsAnInvalidToken() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String token = subscriptions.lastToken();
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
        subscriptions.store.beforeNextConfirm(() -> service.subscribe(ADDRESS, Subscriptions.REQUESTER));

        assertInvalidToken(() -> service.confirm(token, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void theConfirmationEmailCarriesAnUnsubscribeLinkInBothParts() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        EmailMessage email = subscriptions.mailer.last();
        String link = Subscriptions.unsubscribeLink(email);
        assertTrue(link.matches("https://news\\.example\\.com/subscriptions/unsubscribe\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                link);
        assertTrue(email.html().contains("href=\"" + link + "\""), email.html());
        UnsubscribeToken token = UnsubscribeToken.parse(Subscriptions.unsubscribeToken(email));
        assertEquals(ID, token.subscriberId());
        assertNotEquals(ConfirmationToken.parse(subscriptions.lastToken()).secret(), token.secret(),
                "the unsubscribe token has its own secret");
        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(java.util.Set.of(token.secretHash()), stored.unsubscribeTokenHashes());
        assertFalse(stored.unsubscribeTokenHashes().contains(token.secret()));
    }

    @Test
    void theUnsubscribeLinkUnsubscribesAPendingAddressAndItsConfirmLinkStopsWorking() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        subscriptions.clock.advance(Duration.ofMinutes(3));

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(unsubscribeToken, Subscriptions.REQUESTER));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.UNSUBSCRIBED, stored.status());
        assertEquals(Optional.of(Articles.NOW.plus(Duration.ofMinutes(3))), stored.unsubscribedAt());
        assertEquals(Optional.empty(), stored.confirmTokenHash());
        assertEquals(Optional.empty(), subscriptions.store.recordExpiry(ID), "the opt-out is kept on record");
        assertInvalidToken(() -> service.confirm(confirmToken, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aConfirmedSubscriberUnsubscribesOnceAndAgainIsASuccess() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        String confirmToken = subscriptions.lastToken();
        service.confirm(confirmToken, Subscriptions.REQUESTER);

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(unsubscribeToken, Subscriptions.REQUESTER));
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(unsubscribeToken, Subscriptions.REQUESTER));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.UNSUBSCRIBED, stored.status());
        assertEquals(Optional.of(Articles.NOW), stored.confirmedAt(), "when it was confirmed stays on record");
        assertInvalidToken(() -> service.confirm(confirmToken, Subscriptions.REQUESTER));
    }

    @Test
    void tokensAreSinglePurpose() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());

        assertInvalidToken(() -> service.unsubscribe(confirmToken, Subscriptions.REQUESTER));
        assertInvalidToken(() -> service.confirm(unsubscribeToken, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(Confirmation.CONFIRMED, service.confirm(confirmToken, Subscriptions.REQUESTER));
    }

    @Test
    void repeatedSignUpsKeepTheUnsubscribeLinkOfEveryEmailWorking() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String first = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        for (int i = 1; i < Subscriptions.EMAILS_PER_DAY; i++) {
            subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
            service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        }
        String latest = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        assertNotEquals(first, latest);
        assertEquals(Subscriptions.EMAILS_PER_DAY, subscriptions.store.find(ID).orElseThrow().unsubscribeTokenHashes().size(),
                "one a day's email, bounded by the daily cap");

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(first, Subscriptions.REQUESTER), "the first email's link");
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(latest, Subscriptions.REQUESTER));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "a.b.c", "abc.", "unknownsubscriber.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedOrUnknownUnsubscribeTokenIsAnInvalidToken(String token) {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertInvalidToken(() -> service.unsubscribe(token, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aForgedUnsubscribeSecretIsAnInvalidToken() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        UnsubscribeToken real = UnsubscribeToken.parse(Subscriptions.unsubscribeToken(subscriptions.mailer.last()));

        String forged = real.subscriberId() + "." + "A".repeat(real.secret().length());
        int writes = subscriptions.store.writes();

        assertInvalidToken(() -> service.unsubscribe(forged, Subscriptions.REQUESTER));
        assertInvalidToken(() -> service.unsubscribe(real.subscriberId() + "." + real.secretHash(), Subscriptions.REQUESTER));
        assertEquals(writes, subscriptions.store.writes(), "refused by the service, before any write is tried");

        // Once unsubscribed, no write is left to refuse it: only the service's own check does.
        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(real.value(), Subscriptions.REQUESTER));
        assertInvalidToken(() -> service.unsubscribe(forged, Subscriptions.REQUESTER));
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(real.value(), Subscriptions.REQUESTER));
    }

    /**
     * The lowest settings the template allows: one sign-up an hour from an IP, a cooldown of a
     * minute and one confirmation email an address a day. Below them, the settings are refused.
     */
    @Test
    void theLowestLegalLimitsAreAcceptedAndHeld() {
        SubscriptionService.Settings lowest = new SubscriptionService.Settings(Subscriptions.SITE_NAME,
                subscriptions.settings.links(), Subscriptions.TOKEN_TTL, 1, new EmailLimits(Duration.ofMinutes(1), 1), 1);
        SubscriptionService strict = new SubscriptionService(subscriptions.store, subscriptions.limiter, subscriptions.mailer,
                lowest, TestKeys.IDENTIFIERS, subscriptions.clock, Subscriptions.seededRandom());

        strict.subscribe(ADDRESS, Subscriptions.REQUESTER);
        RejectedException limited = assertThrows(RejectedException.class,
                () -> strict.subscribe("other@example.com", Subscriptions.REQUESTER));
        assertEquals(RejectedException.Reason.TOO_MANY_REQUESTS, limited.reason());
        subscriptions.clock.advance(Duration.ofMinutes(2));
        strict.subscribe(ADDRESS, new Requester("203.0.113.10", "Browser/1.0"));
        assertEquals(1, subscriptions.mailer.sent().size(), "the day's one email is spent");
        subscriptions.clock.advance(Duration.ofDays(1));
        strict.subscribe(ADDRESS, new Requester("203.0.113.11", "Browser/1.0"));
        assertEquals(2, subscriptions.mailer.sent().size(), "a new day, a new email");

        assertThrows(IllegalArgumentException.class, () -> new EmailLimits(Duration.ofMinutes(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new EmailLimits(Duration.ofMinutes(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionService.Settings(Subscriptions.SITE_NAME,
                subscriptions.settings.links(), Subscriptions.TOKEN_TTL, 0, new EmailLimits(Duration.ofMinutes(1), 1), 1));
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionService.Settings(Subscriptions.SITE_NAME,
                subscriptions.settings.links(), Subscriptions.TOKEN_TTL, 1, new EmailLimits(Duration.ofMinutes(1), 1), 0));
    }

    @Test
    void signingUpAfterUnsubscribingStartsDoubleOptInAgain() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String oldConfirm = subscriptions.lastToken();
        service.unsubscribe(Subscriptions.unsubscribeToken(subscriptions.mailer.last()), Subscriptions.REQUESTER);
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(2, subscriptions.mailer.sent().size(), "a new confirmation email");
        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.PENDING, stored.status());
        assertTrue(subscriptions.store.recordExpiry(ID).isEmpty(), "once unsubscribed, the record and its opt-out are kept for good");
        assertInvalidToken(() -> service.confirm(oldConfirm, Subscriptions.REQUESTER));
        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
    }

    @Test
    void aConfirmThatLosesTheRaceToAnUnsubscribeDoesNotResurrectTheSubscription() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        subscriptions.store.beforeNextConfirm(() -> service.unsubscribe(unsubscribeToken, Subscriptions.REQUESTER));

        assertInvalidToken(() -> service.confirm(confirmToken, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void anUnsubscribeThatLosesTheRaceToAnotherIsAlreadyUnsubscribed() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        UnsubscribeToken parsed = UnsubscribeToken.parse(unsubscribeToken);
        subscriptions.store.beforeNextUnsubscribe(
                () -> subscriptions.store.unsubscribe(ID, parsed.secretHash(), Articles.NOW));

        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(unsubscribeToken, Subscriptions.REQUESTER));
    }

    @Test
    void confirmingSendsOneShortWelcomeWithItsOwnWorkingUnsubscribeLink() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String confirmToken = subscriptions.lastToken();
        service.confirm(confirmToken, Subscriptions.REQUESTER);
        service.confirm(confirmToken, Subscriptions.REQUESTER);

        assertEquals(2, subscriptions.mailer.sent().size(), "one welcome, however often the link is used");
        EmailMessage welcome = subscriptions.mailer.last();
        assertEquals("Reader@example.com", welcome.to());
        assertEquals("Welcome to The Newsroom", welcome.subject());
        assertTrue(welcome.text().contains("The Newsroom") && welcome.html().contains("The Newsroom"));
        String link = Subscriptions.unsubscribeLink(welcome);
        assertEquals(link, welcome.unsubscribeUrl());
        assertTrue(welcome.html().contains("href=\"" + link + "\""), welcome.html());
        assertFalse(welcome.html().contains("<img"), "no images, so no tracking pixels");
        assertNotEquals(Subscriptions.unsubscribeLink(subscriptions.mailer.sent().get(0)), link);

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(Subscriptions.unsubscribeToken(welcome), Subscriptions.REQUESTER));
    }

    @Test
    void everyEmailCarriesItsUnsubscribeLinkForTheHeadersAndInBothParts() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(List.of("Confirm your subscription to The Newsroom", "Welcome to The Newsroom",
                "You are already subscribed to The Newsroom"),
                subscriptions.mailer.sent().stream().map(EmailMessage::subject).toList(), "every kind of email, once");
        for (EmailMessage email : subscriptions.mailer.sent()) {
            String link = email.unsubscribeUrl();
            assertTrue(link.startsWith(Subscriptions.UNSUBSCRIBE_LINK_PREFIX), link);
            assertTrue(email.text().contains(link), email.text());
            assertTrue(email.html().contains("href=\"" + link + "\""), email.html());
            assertFalse(email.html().contains("<img"), email.html());
        }
    }

    @Test
    void aFailedWelcomeLeavesTheSubscriptionConfirmed() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));

        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void theConsentOfTheSignUpAndOfTheConfirmationIsRecorded() {
        service.subscribe(ADDRESS, new Requester("203.0.113.5", "Browser/1.0"));
        subscriptions.clock.advance(Duration.ofMinutes(10));
        service.confirm(subscriptions.lastToken(), new Requester("2001:db8::7", "Phone/2.0"));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(Optional.of(new Consent(Articles.NOW, "203.0.113.5", "Browser/1.0")), stored.signUp());
        assertEquals(Optional.of(new Consent(Articles.NOW.plus(Duration.ofMinutes(10)), "2001:db8::7", "Phone/2.0")),
                stored.confirmation());
        assertFalse(stored.signUp().orElseThrow().toString().contains("203.0.113.5"), "never in a log line");
        assertFalse(new Requester("203.0.113.5", "Browser/1.0").toString().contains("Browser"));
    }

    @Test
    void aConsentRecordKeepsNoControlCharactersAndABoundedUserAgent() {
        Consent consent = new Consent(Articles.NOW, "203.0.113.5\r\n", "A\u0000B" + "x".repeat(2000));

        assertEquals("203.0.113.5", consent.ip());
        assertTrue(consent.userAgent().startsWith("ABx"));
        assertEquals(512, consent.userAgent().length());
    }

    @Test
    void aClientIpGetsAtMostTheHourlyNumberOfSignUpsThenA429WithRetryAfter() {
        subscriptions.clock.advance(Duration.between(Articles.NOW, Instant.parse("2025-06-02T09:40:00Z")));
        Requester busy = new Requester("203.0.113.77", "Bot/1.0");
        for (int i = 0; i < Subscriptions.SIGN_UPS_PER_IP_PER_HOUR; i++) {
            service.subscribe("reader" + i + "@example.com", busy);
        }

        RejectedException limited = assertThrows(RejectedException.class,
                () -> service.subscribe("one.more@example.com", busy));

        assertEquals(RejectedException.Reason.TOO_MANY_REQUESTS, limited.reason());
        assertEquals("TOO_MANY_REQUESTS", limited.code());
        assertEquals(20 * 60, limited.retryAfterSeconds(), "until the fixed hour ends");
        assertEquals(Subscriptions.SIGN_UPS_PER_IP_PER_HOUR, subscriptions.mailer.sent().size());
        assertTrue(subscriptions.store.find(SubscriberId.of(EmailAddress.parse("one.more@example.com"), TestKeys.IDENTIFIERS)).isEmpty());
        service.subscribe("other.network@example.com", new Requester("198.51.100.1", "Browser/1.0"));

        subscriptions.clock.advance(Duration.ofMinutes(20));
        service.subscribe("one.more@example.com", busy);
        assertTrue(subscriptions.limiter.counts().keySet().stream().noneMatch(key -> key.contains("203.0.113.77")),
                "the counters hold a hash of the IP, not the IP");
    }

    /** One IPv6 client holds a /64: rotating through its addresses must not reset the limit. */
    @Test
    void ipv6AddressesOfOneSlash64ShareTheLimit() {
        for (int i = 0; i < Subscriptions.SIGN_UPS_PER_IP_PER_HOUR; i++) {
            service.subscribe("reader" + i + "@example.com", new Requester("2001:db8:1:2::" + Integer.toHexString(i + 1), "Bot/1.0"));
        }

        RejectedException limited = assertThrows(RejectedException.class,
                () -> service.subscribe("one.more@example.com", new Requester("2001:db8:1:2:ffff::9", "Bot/1.0")));
        service.subscribe("neighbour@example.com", new Requester("2001:db8:1:3::1", "Browser/1.0"));

        assertEquals("TOO_MANY_REQUESTS", limited.code());
        assertEquals(Subscriptions.SIGN_UPS_PER_IP_PER_HOUR + 1, subscriptions.mailer.sent().size(),
                "the next /64 is another client");
    }

    @Test
    void anInvalidAddressUsesUpNothingOfTheLimit() {
        for (int i = 0; i < Subscriptions.SIGN_UPS_PER_IP_PER_HOUR + 5; i++) {
            assertThrows(RejectedException.class, () -> service.subscribe("not-an-address", Subscriptions.REQUESTER));
        }

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertEquals(1, subscriptions.mailer.sent().size());
    }

    /** However spread over addresses and networks, the form sends at most the hourly cap of confirmations. */
    @Test
    void pastTheHourlyCapSignUpsAreAcceptedButSentNothingUntilTheHourEnds() {
        subscriptions.clock.advance(Duration.between(Articles.NOW, Instant.parse("2025-06-02T09:40:00Z")));
        SubscriptionService.Settings capped = new SubscriptionService.Settings(Subscriptions.SITE_NAME,
                subscriptions.settings.links(), Subscriptions.TOKEN_TTL, Subscriptions.SIGN_UPS_PER_IP_PER_HOUR,
                subscriptions.settings.emailLimits(), 2);
        SubscriptionService service = new SubscriptionService(subscriptions.store, subscriptions.limiter,
                subscriptions.mailer, capped, TestKeys.IDENTIFIERS, subscriptions.clock, Subscriptions.seededRandom());

        List<String> logged;
        try (news.articles.testing.LogCapture log = news.articles.testing.LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                service.subscribe("reader" + i + "@example.com", new Requester("198.51.100." + (i + 1), "Browser/1.0"));
            }
            logged = log.lines();
        }

        assertEquals(2, subscriptions.mailer.sent().size(), "the cap");
        String third = SubscriberId.of(EmailAddress.parse("reader2@example.com"), TestKeys.IDENTIFIERS);
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(third).orElseThrow().status(), "accepted all the same");
        assertEquals(List.of("{\"level\":\"WARN\",\"event\":\"confirmation_cap_reached\",\"capPerHour\":2}"), logged);

        subscriptions.clock.advance(Duration.ofMinutes(20));
        service.subscribe("reader2@example.com", new Requester("198.51.100.3", "Browser/1.0"));
        assertEquals(3, subscriptions.mailer.sent().size(), "the next hour sends, the capped sign-up used up none of its limits");
    }

    @Test
    void aNetworkThatKeepsSendingInvalidTokensGetsA429ButValidLinksStillWork() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        String token = subscriptions.lastToken();
        String unknown = token.substring(0, token.indexOf('.') + 1) + "A".repeat(43);
        Requester prober = new Requester("203.0.113.9", "Bot/1.0");
        for (int i = 0; i < SubscriptionService.BAD_TOKENS_PER_IP_PER_HOUR / 2; i++) {
            assertInvalidToken(() -> service.confirm(unknown, prober));
            assertInvalidToken(() -> service.unsubscribe(unknown, prober));
        }

        RejectedException limited = assertThrows(RejectedException.class, () -> service.confirm(unknown, prober));
        RejectedException alsoLimited = assertThrows(RejectedException.class, () -> service.unsubscribe("garbage", prober));

        assertEquals("TOO_MANY_REQUESTS", limited.code());
        assertEquals("TOO_MANY_REQUESTS", alsoLimited.code());
        assertTrue(limited.retryAfterSeconds() > 0);
        assertInvalidToken(() -> service.confirm(unknown, Subscriptions.REQUESTER));
        assertEquals(Confirmation.CONFIRMED, service.confirm(token, prober), "a real link is never refused");
    }

    private static void assertInvalidToken(org.junit.jupiter.api.function.Executable confirm) {
        RejectedException error = assertThrows(RejectedException.class, confirm);
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_TOKEN", error.code());
    }

    /** Spellings of one Gmail inbox from several networks: one cooldown and one day's cap between them. */
    @Test
    void spellingsOfOneInboxShareItsCooldownAndItsDailyCap() {
        List<String> spellings = List.of("victim@gmail.com", "v.ictim@gmail.com", "victim+1@googlemail.com",
                "Vic.Tim+news@gmail.com", "victim+2@gmail.com", "v.i.c.t.i.m@googlemail.com", "victim+3@gmail.com");
        int network = 1;
        for (String spelling : spellings) {
            service.subscribe(spelling, new Requester("203.0.113." + network++, "Bot/1.0"));
        }
        assertEquals(1, subscriptions.mailer.sent().size(), "one email per cooldown, however spelt");
        assertEquals("victim@gmail.com", subscriptions.mailer.last().to(), "sent to the address as typed");
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(SubscriberId.of(EmailAddress.parse("v.ictim@gmail.com"), TestKeys.IDENTIFIERS))
                .orElseThrow().status(), "the other spellings are accepted as usual");

        for (int round = 0; round < Subscriptions.EMAILS_PER_DAY + 3; round++) {
            subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
            for (String spelling : spellings) {
                service.subscribe(spelling, new Requester("203.0.113." + network++ % 250, "Bot/1.0"));
            }
        }
        long today = subscriptions.mailer.sent().stream().filter(mail -> mail.to().toLowerCase().contains("ictim")).count();
        assertTrue(today <= Subscriptions.EMAILS_PER_DAY, "at most the day's cap reached the inbox: " + today);

        subscriptions.clock.advance(java.time.Duration.ofDays(1));
        service.subscribe("victim+4@gmail.com", Subscriptions.REQUESTER);
        assertEquals("victim+4@gmail.com", subscriptions.mailer.last().to(), "the next day sends again");
    }

    /** Other inboxes are not slowed by one that is at its limits. */
    @Test
    void anotherInboxIsNotLimitedByThisOnesSpellings() {
        service.subscribe("victim@gmail.com", Subscriptions.REQUESTER);
        service.subscribe("victim+1@gmail.com", Subscriptions.REQUESTER);
        service.subscribe("victim2@gmail.com", Subscriptions.REQUESTER);
        service.subscribe("victim@example.com", Subscriptions.REQUESTER);

        assertEquals(List.of("victim@gmail.com", "victim2@gmail.com", "victim@example.com"),
                subscriptions.mailer.sent().stream().map(EmailMessage::to).toList());
    }

    /**
     * After an explicit unsubscribe, strangers' sign-ups cannot keep mailing the address: one
     * confirmation per period, whoever asks, however spread over days and networks.
     */
    @Test
    void afterAnUnsubscribeOneConfirmationGoesPerPeriodWhoeverAsks() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        service.unsubscribe(Subscriptions.unsubscribeToken(subscriptions.mailer.last()), Subscriptions.REQUESTER);
        int before = subscriptions.mailer.sent().size();

        for (int day = 0; day < 3; day++) {
            subscriptions.clock.advance(java.time.Duration.ofDays(1));
            service.subscribe(ADDRESS, new Requester("203.0.113." + (day + 1), "Stranger/1.0"));
        }
        assertEquals(before + 1, subscriptions.mailer.sent().size(), "one more email, not three");

        subscriptions.clock.advance(EmailLimits.DEFAULT_AFTER_UNSUBSCRIBE);
        service.subscribe(ADDRESS, new Requester("203.0.113.9", "Stranger/1.0"));
        assertEquals(before + 2, subscriptions.mailer.sent().size(), "the next period allows one more");
        assertTrue(subscriptions.store.find(ID).orElseThrow().unsubscribedAt().isPresent(), "the opt-out stays on record");
    }
}
