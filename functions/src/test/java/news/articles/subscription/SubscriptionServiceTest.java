package news.articles.subscription;

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
    private static final String ID = SubscriberId.of(EmailAddress.parse(ADDRESS));

    private final Subscriptions subscriptions = new Subscriptions();
    private final SubscriptionService service = subscriptions.service;

    @Test
    void aNewAddressGetsOneEmailWithAConfirmationLink() {
        service.subscribe("  " + ADDRESS + " ");

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
        service.subscribe(ADDRESS);

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
        assertEquals(ID, SubscriberId.of(EmailAddress.parse("reader@example.com")));
        assertNotEquals(ID, SubscriberId.of(EmailAddress.parse("reader2@example.com")));
    }

    @Test
    void aPendingAddressGetsAFreshLinkAndTheOldOneStopsWorking() {
        service.subscribe(ADDRESS);
        String first = subscriptions.lastToken();
        subscriptions.clock.advance(Duration.ofHours(1));

        service.subscribe(ADDRESS);
        String second = subscriptions.lastToken();

        assertEquals(2, subscriptions.mailer.sent().size());
        assertNotEquals(first, second);
        assertEquals(Articles.NOW, subscriptions.store.find(ID).orElseThrow().createdAt());
        assertInvalidToken(() -> service.confirm(first));
        assertEquals(Confirmation.CONFIRMED, service.confirm(second));
    }

    @Test
    void aConfirmedAddressGetsAnAlreadySubscribedNoteAtMostOnceADayAndStaysConfirmed() {
        service.subscribe(ADDRESS);
        service.confirm(subscriptions.lastToken());
        Subscriber confirmed = subscriptions.store.find(ID).orElseThrow();

        service.subscribe(ADDRESS.toLowerCase());
        service.subscribe(ADDRESS);
        subscriptions.clock.advance(Duration.ofHours(23));
        service.subscribe(ADDRESS);

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
        service.subscribe(ADDRESS);
        assertEquals(4, subscriptions.mailer.sent().size(), "a day after the last note, another");
        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(Subscriptions.unsubscribeToken(subscriptions.mailer.last())),
                "the note's own unsubscribe link works");
    }

    @Test
    void aFailedNoteIsNotAnErrorSoAConfirmedAddressAnswersTheSame() {
        service.subscribe(ADDRESS);
        service.confirm(subscriptions.lastToken());
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));

        service.subscribe(ADDRESS);

        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void confirmingTwiceIsASuccessBothTimes() {
        service.subscribe(ADDRESS);
        String token = subscriptions.lastToken();

        assertEquals(Confirmation.CONFIRMED, service.confirm(token));
        subscriptions.clock.advance(Duration.ofMinutes(5));
        assertEquals(Confirmation.ALREADY_CONFIRMED, service.confirm(token));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.CONFIRMED, stored.status());
        assertEquals(Optional.of(Articles.NOW), stored.confirmedAt());
        assertEquals(Optional.empty(), subscriptions.store.recordExpiry(ID));
    }

    @Test
    void aConfirmedSubscribersLinkStillSaysAlreadyConfirmedAfterItExpired() {
        service.subscribe(ADDRESS);
        String token = subscriptions.lastToken();
        service.confirm(token);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL.multipliedBy(10));

        assertEquals(Confirmation.ALREADY_CONFIRMED, service.confirm(token));
    }

    @Test
    void aTokenWorksUntilJustBeforeItExpires() {
        service.subscribe(ADDRESS);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL.minusSeconds(1));

        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken()));
    }

    @Test
    void anExpiredTokenIsA410AndConfirmsNothing() {
        service.subscribe(ADDRESS);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL);

        RejectedException error = assertThrows(RejectedException.class,
                () -> service.confirm(subscriptions.lastToken()));

        assertEquals(RejectedException.Reason.EXPIRED, error.reason());
        assertEquals("TOKEN_EXPIRED", error.code());
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void subscribingAgainAfterExpiryGivesALinkThatWorks() {
        service.subscribe(ADDRESS);
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL.plusHours(1));

        service.subscribe(ADDRESS);

        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken()));
    }

    @Test
    void aWrongSecretIsAnInvalidToken() {
        service.subscribe(ADDRESS);
        ConfirmationToken real = ConfirmationToken.parse(subscriptions.lastToken());
        String forged = real.subscriberId() + "." + "A".repeat(real.secret().length());

        assertInvalidToken(() -> service.confirm(forged));
        assertInvalidToken(() -> service.confirm(real.subscriberId() + "." + real.secretHash()));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aTokenForAnUnknownSubscriberIsAnInvalidToken() {
        service.subscribe(ADDRESS);
        ConfirmationToken real = ConfirmationToken.parse(subscriptions.lastToken());

        assertInvalidToken(() -> service.confirm("unknownsubscriber." + real.secret()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "a.b.c", "abc.", "<script>alert(1)</script>.x"})
    void aMalformedTokenIsAnInvalidToken(String token) {
        assertInvalidToken(() -> service.confirm(token));
    }

    @Test
    void whenTheMailerFailsTheFailurePropagatesAndTheSignUpIsKept() {
        MailException outage = new MailException("SES did not accept the message (ThrottlingException)", true, null);
        subscriptions.mailer.failNextWith(outage);

        MailException thrown = assertThrows(MailException.class, () -> service.subscribe(ADDRESS));

        assertSame(outage, thrown);
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(List.of(), subscriptions.mailer.sent());
    }

    @Test
    void aRetryAfterAMailFailureSendsAFreshLinkThatConfirms() {
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));
        assertThrows(MailException.class, () -> service.subscribe(ADDRESS));

        service.subscribe(ADDRESS);

        assertEquals(1, subscriptions.mailer.sent().size());
        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-an-address", "reader@localhost", "reader@example.com\r\nBcc: x@example.org"})
    void anInvalidAddressIsA400AndNothingIsStoredOrSent(String address) {
        RejectedException error = assertThrows(RejectedException.class, () -> service.subscribe(address));

        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_EMAIL", error.code());
        assertEquals(0, subscriptions.store.writes());
        assertEquals(Map.of(), subscriptions.store.snapshot());
        assertEquals(List.of(), subscriptions.mailer.sent());
    }

    @Test
    void aClickThatLosesTheRaceToAnotherClickIsAlreadyConfirmed() {
        service.subscribe(ADDRESS);
        String token = subscriptions.lastToken();
        ConfirmationToken parsed = ConfirmationToken.parse(token);
        subscriptions.store.beforeNextConfirm(
                () -> subscriptions.store.confirm(ID, parsed.secretHash(), Instant.parse("2025-06-02T09:30:01Z"), "other"));

        assertEquals(Confirmation.ALREADY_CONFIRMED, service.confirm(token));
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aClickThatLosesTheRaceToANewSignUpIsAnInvalidToken() {
        service.subscribe(ADDRESS);
        String token = subscriptions.lastToken();
        subscriptions.store.beforeNextConfirm(() -> service.subscribe(ADDRESS));

        assertInvalidToken(() -> service.confirm(token));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void theConfirmationEmailCarriesAnUnsubscribeLinkInBothParts() {
        service.subscribe(ADDRESS);

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
        service.subscribe(ADDRESS);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        subscriptions.clock.advance(Duration.ofMinutes(3));

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(unsubscribeToken));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.UNSUBSCRIBED, stored.status());
        assertEquals(Optional.of(Articles.NOW.plus(Duration.ofMinutes(3))), stored.unsubscribedAt());
        assertEquals(Optional.empty(), stored.confirmTokenHash());
        assertEquals(Optional.empty(), subscriptions.store.recordExpiry(ID), "the opt-out is kept on record");
        assertInvalidToken(() -> service.confirm(confirmToken));
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aConfirmedSubscriberUnsubscribesOnceAndAgainIsASuccess() {
        service.subscribe(ADDRESS);
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        String confirmToken = subscriptions.lastToken();
        service.confirm(confirmToken);

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(unsubscribeToken));
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(unsubscribeToken));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.UNSUBSCRIBED, stored.status());
        assertEquals(Optional.of(Articles.NOW), stored.confirmedAt(), "when it was confirmed stays on record");
        assertInvalidToken(() -> service.confirm(confirmToken));
    }

    @Test
    void tokensAreSinglePurpose() {
        service.subscribe(ADDRESS);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());

        assertInvalidToken(() -> service.unsubscribe(confirmToken));
        assertInvalidToken(() -> service.confirm(unsubscribeToken));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(Confirmation.CONFIRMED, service.confirm(confirmToken));
    }

    @Test
    void everyEarlierUnsubscribeLinkKeepsWorking() {
        service.subscribe(ADDRESS);
        String first = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        service.subscribe(ADDRESS);
        assertNotEquals(first, Subscriptions.unsubscribeToken(subscriptions.mailer.last()));

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(first));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "a.b.c", "abc.", "unknownsubscriber.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedOrUnknownUnsubscribeTokenIsAnInvalidToken(String token) {
        service.subscribe(ADDRESS);

        assertInvalidToken(() -> service.unsubscribe(token));
        assertEquals(SubscriberStatus.PENDING, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aForgedUnsubscribeSecretIsAnInvalidToken() {
        service.subscribe(ADDRESS);
        UnsubscribeToken real = UnsubscribeToken.parse(Subscriptions.unsubscribeToken(subscriptions.mailer.last()));

        assertInvalidToken(() -> service.unsubscribe(real.subscriberId() + "." + "A".repeat(real.secret().length())));
        assertInvalidToken(() -> service.unsubscribe(real.subscriberId() + "." + real.secretHash()));
    }

    @Test
    void signingUpAfterUnsubscribingStartsDoubleOptInAgain() {
        service.subscribe(ADDRESS);
        String oldConfirm = subscriptions.lastToken();
        service.unsubscribe(Subscriptions.unsubscribeToken(subscriptions.mailer.last()));

        service.subscribe(ADDRESS);

        assertEquals(2, subscriptions.mailer.sent().size(), "a new confirmation email");
        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.PENDING, stored.status());
        assertTrue(subscriptions.store.recordExpiry(ID).isPresent(), "pending again, so it expires again");
        assertInvalidToken(() -> service.confirm(oldConfirm));
        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken()));
    }

    @Test
    void aConfirmThatLosesTheRaceToAnUnsubscribeDoesNotResurrectTheSubscription() {
        service.subscribe(ADDRESS);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        subscriptions.store.beforeNextConfirm(() -> service.unsubscribe(unsubscribeToken));

        assertInvalidToken(() -> service.confirm(confirmToken));
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void anUnsubscribeThatLosesTheRaceToAnotherIsAlreadyUnsubscribed() {
        service.subscribe(ADDRESS);
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        UnsubscribeToken parsed = UnsubscribeToken.parse(unsubscribeToken);
        subscriptions.store.beforeNextUnsubscribe(
                () -> subscriptions.store.unsubscribe(ID, parsed.secretHash(), Articles.NOW));

        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(unsubscribeToken));
    }

    @Test
    void confirmingSendsOneShortWelcomeWithItsOwnWorkingUnsubscribeLink() {
        service.subscribe(ADDRESS);
        String confirmToken = subscriptions.lastToken();
        service.confirm(confirmToken);
        service.confirm(confirmToken);

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

        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(Subscriptions.unsubscribeToken(welcome)));
    }

    @Test
    void everyEmailCarriesItsUnsubscribeLinkForTheHeadersAndInBothParts() {
        service.subscribe(ADDRESS);
        service.confirm(subscriptions.lastToken());

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
        service.subscribe(ADDRESS);
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message", true, null));

        assertEquals(Confirmation.CONFIRMED, service.confirm(subscriptions.lastToken()));
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    private static void assertInvalidToken(org.junit.jupiter.api.function.Executable confirm) {
        RejectedException error = assertThrows(RejectedException.class, confirm);
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_TOKEN", error.code());
    }
}
