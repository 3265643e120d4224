package news.articles.testing;

import java.time.Instant;
import java.util.Optional;
import news.articles.subscription.SubscriberStore;
import news.articles.subscription.SubscriberStoreContract;

/** The fake the unit tests use, held to the contract the DynamoDB store passes on moto. */
class InMemorySubscriberStoreTest extends SubscriberStoreContract {

    private final InMemorySubscriberStore store = new InMemorySubscriberStore();

    @Override
    protected SubscriberStore store() {
        return store;
    }

    @Override
    protected Optional<Instant> recordExpiry(String id) {
        return store.recordExpiry(id);
    }

    @Override
    protected Optional<String> suppressionReason(String id) {
        return store.suppressionReason(id);
    }
}
