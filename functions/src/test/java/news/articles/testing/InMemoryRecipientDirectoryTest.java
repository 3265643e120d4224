package news.articles.testing;

import news.articles.newsletter.RecipientDirectory;
import news.articles.newsletter.RecipientDirectoryContract;
import news.articles.subscription.SubscriberStore;

/** The fake's recipient directory, held to the contract the DynamoDB adapter passes on moto. */
class InMemoryRecipientDirectoryTest extends RecipientDirectoryContract {

    private final InMemorySubscriberStore store = new InMemorySubscriberStore();

    @Override
    protected SubscriberStore subscribers() {
        return store;
    }

    @Override
    protected RecipientDirectory directory() {
        return store;
    }
}
