package news.articles.newsletter;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import news.articles.error.RejectedException;
import news.articles.newsletter.DeliveryLog.ClaimOutcome;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SubscriptionService.Unsubscription;
import news.articles.subscription.UnsubscribeToken;
import news.articles.testing.Articles;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A newsletter edition's unsubscribe link works through the subscription service as every other
 * link does (the route {@code /subscriptions/unsubscribe}, its one-click POST): the token whose
 * hash the edition's claim recorded unsubscribes, takes the subscriber off the recipients and
 * refuses it later editions; the links of the last 13 editions work, an older one no longer does.
 */
class NewsletterUnsubscribeLinkTest {

    private static final String ADDRESS = "weekly.reader@example.com";
    private static final String ID = SubscriberId.of(EmailAddress.parse(ADDRESS), TestKeys.IDENTIFIERS);
    private static final EditionId W49 = new EditionId("2026-W49");

    private final Subscriptions subscriptions = new Subscriptions();
    /** Not the service's seed, which would repeat the tokens of its own emails. */
    private final SecureRandom random = new SecureRandom();

    @BeforeEach
    void aConfirmedSubscriber() {
        subscriptions.service.subscribe(ADDRESS, Subscriptions.REQUESTER);
        subscriptions.service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        assertEquals(List.of(ID), subscriptions.store.confirmed(Optional.empty(), 10).subscriberIds());
    }

    @Test
    void anEditionsLinkUnsubscribesOnceAndAgainIsASuccess() {
        UnsubscribeToken link = sent(W49);

        assertEquals(Unsubscription.UNSUBSCRIBED, subscriptions.service.unsubscribe(link.value(), Subscriptions.REQUESTER));
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED, subscriptions.service.unsubscribe(link.value(), Subscriptions.REQUESTER));

        assertEquals(SubscriberStatus.UNSUBSCRIBED, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(List.of(), subscriptions.store.confirmed(Optional.empty(), 10).subscriberIds(), "no longer a recipient");
        assertEquals(ClaimOutcome.NOT_CONFIRMED, subscriptions.store.claim(new EditionId("2026-W50"), ID,
                UnsubscribeToken.issue(ID, random).secretHash(), Articles.NOW).outcome(), "no later edition goes");
    }

    @Test
    void theLinksOfTheLastThirteenEditionsWorkAndAnOlderOneIsAnInvalidToken() {
        List<UnsubscribeToken> links = new ArrayList<>();
        for (int week = 30; week <= 43; week++) {
            links.add(sent(new EditionId("2026-W" + week)));
        }

        RejectedException refused = assertThrows(RejectedException.class,
                () -> subscriptions.service.unsubscribe(links.get(0).value(), Subscriptions.REQUESTER));
        assertEquals("INVALID_TOKEN", refused.code(), "week 30's slot now holds week 43's link");
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(Unsubscription.UNSUBSCRIBED, subscriptions.service.unsubscribe(links.get(1).value(), Subscriptions.REQUESTER),
                "week 31's link, 13 editions back, still works");
    }

    @Test
    void aLinkWhoseClaimWasRefusedDoesNotWork() {
        sent(W49);
        UnsubscribeToken refusedLink = UnsubscribeToken.issue(ID, random);
        assertEquals(ClaimOutcome.ALREADY_CLAIMED,
                subscriptions.store.claim(W49, ID, refusedLink.secretHash(), Articles.NOW).outcome());

        assertThrows(RejectedException.class, () -> subscriptions.service.unsubscribe(refusedLink.value(), Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.CONFIRMED, subscriptions.store.find(ID).orElseThrow().status());
    }

    /** The link of an edition's email, as the sender makes it: a fresh token, its hash recorded by the claim. */
    private UnsubscribeToken sent(EditionId edition) {
        UnsubscribeToken token = UnsubscribeToken.issue(ID, random);
        assertEquals(ClaimOutcome.CLAIMED, subscriptions.store.claim(edition, ID, token.secretHash(), Articles.NOW).outcome());
        return token;
    }
}
