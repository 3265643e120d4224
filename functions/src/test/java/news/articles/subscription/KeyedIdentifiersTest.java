package news.articles.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import news.articles.subscription.SubscriptionService.Confirmation;
import news.articles.subscription.SubscriptionService.Unsubscription;
import news.articles.testing.Articles;
import news.articles.testing.Subscriptions;
import news.articles.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Finding 7 of issue 13: ids and counter keys derived from addresses and IPs are keyed hashes
 * (nobody without the stack's key can compute or reverse one), and records from before the key,
 * under the legacy unkeyed id, keep working.
 */
class KeyedIdentifiersTest {

    private static final String ADDRESS = "Reader@example.com";
    private static final EmailAddress EMAIL = EmailAddress.parse(ADDRESS);

    private final Subscriptions subscriptions = new Subscriptions();
    private final SubscriptionService service = subscriptions.service;

    /** The id every record had before the identifier key: anyone could compute it from the address. */
    private static String plainSha256Id(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("subscriber:" + address.toLowerCase()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theIdOfAnAddressIsNotItsPlainHashAndDependsOnTheKey() {
        String keyed = SubscriberId.of(EMAIL, TestKeys.IDENTIFIERS);

        assertNotEquals(plainSha256Id(ADDRESS), keyed);
        assertEquals(plainSha256Id(ADDRESS), SubscriberId.legacyOf(EMAIL));
        assertNotEquals(keyed, SubscriberId.of(EMAIL, TestKeys.OTHER_STACK));
        assertEquals(32, keyed.length());
        assertEquals(keyed, SubscriberId.of(EmailAddress.parse("reader@EXAMPLE.com"), TestKeys.IDENTIFIERS));
    }

    @Test
    void aNewSignUpIsStoredUnderTheKeyedIdAndItsLinksCarryIt() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        String keyed = SubscriberId.of(EMAIL, TestKeys.IDENTIFIERS);
        assertTrue(subscriptions.store.find(keyed).isPresent());
        assertTrue(subscriptions.store.find(plainSha256Id(ADDRESS)).isEmpty());
        assertTrue(subscriptions.lastToken().startsWith(keyed + "."));
        assertTrue(Subscriptions.unsubscribeToken(subscriptions.mailer.last()).startsWith(keyed + "."));
    }

    @Test
    void thePerNetworkCounterKeysAreKeyed() {
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertThrowsInvalid(() -> service.confirm("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.bm90LWEtdG9rZW4", Subscriptions.REQUESTER));
        Set<String> keys = counterKeys(subscriptions);

        String unkeyedIpHash = ConfirmationToken.hash("ip:" + Subscriptions.REQUESTER.ip()).substring(0, 32);
        String unkeyedMailboxHash = ConfirmationToken.hash("mailbox:" + EMAIL.mailboxKey()).substring(0, 32);
        assertTrue(keys.stream().anyMatch(key -> key.startsWith("ip:")), keys.toString());
        assertTrue(keys.stream().anyMatch(key -> key.startsWith("bad-token:")), keys.toString());
        assertTrue(keys.stream().noneMatch(key -> key.contains(unkeyedIpHash) || key.contains(unkeyedMailboxHash)
                || key.contains(Subscriptions.REQUESTER.ip())), keys.toString());

        // Another stack (another key) counts the same client under other keys.
        Subscriptions other = new Subscriptions();
        new SubscriptionService(other.store, other.limiter, other.mailer, other.settings, TestKeys.OTHER_STACK,
                other.clock, new SecureRandom()).subscribe(ADDRESS, Subscriptions.REQUESTER);
        Set<String> otherKeys = counterKeys(other);
        assertTrue(otherKeys.stream().filter(key -> key.startsWith("ip:")).noneMatch(keys::contains), otherKeys.toString());
    }

    @Test
    void aPendingRecordFromBeforeTheKeyIsRenewedConfirmedAndUnsubscribedWhereItIs() {
        String legacy = SubscriberId.legacyOf(EMAIL);
        ConfirmationToken oldConfirm = ConfirmationToken.issue(legacy, Subscriptions.seededRandom());
        UnsubscribeToken oldUnsubscribe = UnsubscribeToken.issue(legacy, Subscriptions.seededRandom());
        storeLegacyPending(legacy, oldConfirm, oldUnsubscribe);

        // The link in the email sent before the switch still confirms.
        assertEquals(Confirmation.CONFIRMED, service.confirm(oldConfirm.value(), Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(legacy).orElseThrow().status());

        // A sign-up finds it by address: the already-subscribed note, no second record.
        int before = subscriptions.mailer.sent().size();
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        assertTrue(subscriptions.store.find(SubscriberId.of(EMAIL, TestKeys.IDENTIFIERS)).isEmpty());
        assertEquals(before + 1, subscriptions.mailer.sent().size());
        String noteUnsubscribe = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        assertTrue(noteUnsubscribe.startsWith(legacy + "."));

        // The unsubscribe link of the email sent before the switch still unsubscribes.
        assertEquals(Unsubscription.UNSUBSCRIBED, service.unsubscribe(oldUnsubscribe.value(), Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(legacy).orElseThrow().status());
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, service.unsubscribe(noteUnsubscribe, Subscriptions.REQUESTER));
    }

    @Test
    void aLegacyPendingRecordIsRenewedUnderItsOwnIdByANewSignUp() {
        String legacy = SubscriberId.legacyOf(EMAIL);
        storeLegacyPending(legacy, ConfirmationToken.issue(legacy, Subscriptions.seededRandom()),
                UnsubscribeToken.issue(legacy, Subscriptions.seededRandom()));
        subscriptions.clock.advance(Duration.ofHours(1));

        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        String token = subscriptions.lastToken();
        assertTrue(token.startsWith(legacy + "."), "the fresh link finds the record where it is");
        assertTrue(subscriptions.store.find(SubscriberId.of(EMAIL, TestKeys.IDENTIFIERS)).isEmpty());
        assertEquals(Confirmation.CONFIRMED, service.confirm(token, Subscriptions.REQUESTER));
    }

    @Test
    void aLegacySuppressionKeepsSuppressing() {
        String legacy = SubscriberId.legacyOf(EMAIL);
        subscriptions.store.suppress(legacy, EMAIL, Articles.NOW, "BOUNCE");
        SuppressionService suppressions = new SuppressionService(subscriptions.store, TestKeys.IDENTIFIERS,
                subscriptions.clock);

        assertFalse(suppressions.suppress(ADDRESS, SuppressionService.Reason.COMPLAINT), "already suppressed, where it is");
        service.subscribe(ADDRESS, Subscriptions.REQUESTER);

        assertEquals(0, subscriptions.mailer.sent().size());
        assertTrue(subscriptions.store.find(SubscriberId.of(EMAIL, TestKeys.IDENTIFIERS)).isEmpty());
    }

    private void storeLegacyPending(String legacy, ConfirmationToken confirm, UnsubscribeToken unsubscribe) {
        Instant expiry = Articles.NOW.plus(Subscriptions.TOKEN_TTL);
        subscriptions.store.savePending(new PendingSubscription(legacy, EMAIL, confirm.secretHash(), expiry,
                unsubscribe.secretHash(), new Consent(Articles.NOW, "192.0.2.1", "Old/1"), expiry.plus(Duration.ofDays(1))),
                subscriptions.settings.emailLimits());
    }

    private static Set<String> counterKeys(Subscriptions subscriptions) {
        return subscriptions.limiter.counts().keySet().stream().map(key -> key.substring(0, key.lastIndexOf('#')))
                .collect(Collectors.toSet());
    }

    private static void assertThrowsInvalid(Runnable call) {
        try {
            call.run();
        } catch (news.articles.error.RejectedException expected) {
            return;
        }
        throw new AssertionError("expected a refusal");
    }
}
