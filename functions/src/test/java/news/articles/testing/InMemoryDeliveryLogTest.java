package news.articles.testing;

import java.util.Optional;
import news.articles.newsletter.DeliveryLog;
import news.articles.newsletter.DeliveryLogContract;
import news.articles.subscription.SubscriberStore;

/** The fake's delivery log, held to the contract the DynamoDB adapter passes on moto. */
class InMemoryDeliveryLogTest extends DeliveryLogContract {

    private final InMemorySubscriberStore store = new InMemorySubscriberStore();

    @Override
    protected SubscriberStore subscribers() {
        return store;
    }

    @Override
    protected DeliveryLog deliveryLog() {
        return store;
    }

    @Override
    protected Optional<String> recordedFailure(String subscriberId) {
        return store.newsletterFailure(subscriberId);
    }
}
