package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import news.articles.newsletter.DeliveryLog.ClaimOutcome;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.RecipientDirectory.RecipientPage;
import news.articles.store.dynamodb.DynamoDbDeliveryLog;
import news.articles.store.dynamodb.DynamoDbNewsletterRecipients;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bulk loader's subscribers are the store's: read back through {@link DynamoDbSubscriberStore}
 * as they were built, listed by the newsletter's index when confirmed, claimed and unsubscribed
 * like any other.
 */
@ExtendWith(MotoExtension.class)
class SubscriberBulkLoaderTest {

    private static final Instant AT = Instant.parse("2026-11-02T08:00:00Z");

    @Test
    void bulkLoadedSubscribersAreTheStoresAndTheConfirmedOnesAreTheNewslettersRecipients(MotoServer moto) {
        SampleSite site = SampleSite.create(moto);
        String table = site.tableNames.get("SubscribersTable");
        SubscriberStatus[] states = SubscriberStatus.values();
        List<Subscriber> subscribers = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = String.format("bulk-%04d", i);
            SubscriberStatus status = states[i % states.length];
            subscribers.add(SubscriberBulkLoader.inState(id, EmailAddress.parse(id + "@example.com"), status, AT));
            if (status == SubscriberStatus.CONFIRMED) {
                confirmed.add(id);
            }
        }

        assertEquals(120, SubscriberBulkLoader.load(site.dynamoDb, table, subscribers));

        DynamoDbSubscriberStore store = new DynamoDbSubscriberStore(site.dynamoDb, table);
        for (Subscriber subscriber : subscribers) {
            assertEquals(Optional.of(subscriber), store.find(subscriber.id()));
        }
        DynamoDbNewsletterRecipients recipients = new DynamoDbNewsletterRecipients(site.dynamoDb, table);
        List<String> listed = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            RecipientPage page = recipients.confirmed(after, 7);
            listed.addAll(page.subscriberIds());
            after = page.next();
        } while (after.isPresent());
        assertEquals(confirmed, listed);

        String first = confirmed.get(0);
        assertEquals(ClaimOutcome.CLAIMED,
                new DynamoDbDeliveryLog(site.dynamoDb, table).claim(new EditionId("2026-W49"), first, "n-49", AT).outcome());
        assertTrue(store.unsubscribe(first, "w-" + first, AT.plusSeconds(600)), "the welcome link works");
        assertEquals(confirmed.subList(1, confirmed.size()), recipients.confirmed(Optional.empty(), 1000).subscriberIds());
    }
}
