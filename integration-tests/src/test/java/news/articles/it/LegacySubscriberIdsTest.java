package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.store.dynamodb.DynamoDbNewsletterRecipients;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.ConfirmationToken;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.UnsubscribeToken;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The switch to keyed subscriber ids (issue 13, finding 7) on moto, through the functions as the
 * template builds them: a record written before it, under the legacy unkeyed id, with the links of
 * the emails already sent, keeps working. Its confirmation link confirms it, the newsletter's index
 * finds it, a sign-up by address finds it (and creates no second record), its unsubscribe link
 * unsubscribes it, and a legacy suppression keeps suppressing. New records get keyed ids.
 */
@ExtendWith(MotoExtension.class)
class LegacySubscriberIdsTest {

    private static final String ADDRESS = "before.the.key@example.org";
    private static final EmailAddress EMAIL = EmailAddress.parse(ADDRESS);

    private SampleSite site;
    private DynamoDbSubscriberStore store;
    private String table;

    @BeforeEach
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
        table = site.tableNames.get("SubscribersTable");
        store = new DynamoDbSubscriberStore(site.dynamoDb, table);
    }

    @Test
    void aRecordFromBeforeTheKeyIsConfirmedFoundAndUnsubscribedWhereItIs() throws Exception {
        String legacy = SubscriberId.legacyOf(EMAIL);
        String keyed = SubscriberId.of(EMAIL, SampleSite.IDENTIFIERS);
        ConfirmationToken oldLink = ConfirmationToken.issue(legacy, new SecureRandom());
        UnsubscribeToken oldUnsubscribe = UnsubscribeToken.issue(legacy, new SecureRandom());
        Instant signedUp = Instant.now().minus(Duration.ofHours(1));
        store.savePending(new PendingSubscription(legacy, EMAIL, oldLink.secretHash(), signedUp.plus(Duration.ofHours(48)),
                oldUnsubscribe.secretHash(), new Consent(signedUp, "192.0.2.10", "Old/1"), signedUp.plus(Duration.ofHours(72))),
                new EmailLimits(Duration.ofMinutes(10), 5, Duration.ofDays(30)));

        JsonNode confirmed = SampleSite.invoke(site.handler("ConfirmSubscriptionFunction"), ApiEvents.confirm(oldLink.value()));
        assertEquals(200, confirmed.path("statusCode").asInt(), confirmed::toString);
        assertEquals(SubscriberStatus.CONFIRMED, store.find(legacy).orElseThrow().status());
        assertEquals(List.of(legacy), new DynamoDbNewsletterRecipients(site.dynamoDb, table)
                .confirmed(Optional.empty(), 10).subscriberIds(), "the newsletter's index finds the legacy record");

        JsonNode again = SampleSite.invoke(site.handler("SubscribeFunction"), ApiEvents.subscribe(ADDRESS));
        assertEquals(202, again.path("statusCode").asInt(), again::toString);
        assertTrue(store.find(keyed).isEmpty(), "a sign-up by address finds the legacy record: no second one");
        List<SentEmail> emails = site.emailsTo(ADDRESS);
        assertEquals("You are already subscribed", emails.get(emails.size() - 1).subject().substring(0, 26));
        assertTrue(EmailLinks.token(EmailLinks.unsubscribeLink(emails.get(emails.size() - 1))).startsWith(legacy + "."));

        String query = "token=" + URLEncoder.encode(oldUnsubscribe.value(), StandardCharsets.UTF_8);
        String oneClick = ApiEvents.event("POST", "/subscriptions/unsubscribe", "/subscriptions/unsubscribe", query, Map.of(),
                Map.of("content-type", "application/x-www-form-urlencoded"), "List-Unsubscribe=One-Click", true);
        JsonNode done = SampleSite.invoke(site.handler("UnsubscribeFunction"), oneClick);
        assertEquals(200, done.path("statusCode").asInt(), done::toString);
        assertEquals(SubscriberStatus.UNSUBSCRIBED, store.find(legacy).orElseThrow().status());
        assertTrue(new DynamoDbNewsletterRecipients(site.dynamoDb, table).confirmed(Optional.empty(), 10)
                .subscriberIds().isEmpty());
    }

    @Test
    void aLegacySuppressionKeepsSuppressingAndNewAddressesGetKeyedIds() {
        store.suppress(SubscriberId.legacyOf(EMAIL), EMAIL, Instant.now(), "BOUNCE");

        JsonNode suppressed = SampleSite.invoke(site.handler("SubscribeFunction"), ApiEvents.subscribe(ADDRESS));
        JsonNode fresh = SampleSite.invoke(site.handler("SubscribeFunction"), ApiEvents.subscribe("after.the.key@example.org"));

        assertEquals(202, suppressed.path("statusCode").asInt(), suppressed::toString);
        assertEquals(List.of(), site.emailsTo(ADDRESS), "a suppressed address is sent nothing");
        assertTrue(store.find(SubscriberId.of(EMAIL, SampleSite.IDENTIFIERS)).isEmpty());
        assertEquals(202, fresh.path("statusCode").asInt(), fresh::toString);
        EmailAddress after = EmailAddress.parse("after.the.key@example.org");
        assertTrue(store.find(SubscriberId.of(after, SampleSite.IDENTIFIERS)).isPresent());
        assertFalse(store.find(SubscriberId.legacyOf(after)).isPresent(), "new records never get the legacy id");
    }
}
