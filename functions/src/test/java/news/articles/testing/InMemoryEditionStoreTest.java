package news.articles.testing;

import java.util.Optional;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionStore;
import news.articles.newsletter.EditionStoreContract;

/** The fake the unit tests use, held to the contract the DynamoDB store passes on moto. */
class InMemoryEditionStoreTest extends EditionStoreContract {

    @Override
    protected EditionStore emptyStore() {
        return new InMemoryEditionStore();
    }

    @Override
    protected Optional<String> noEditionReason(EditionStore store, EditionId id) {
        return ((InMemoryEditionStore) store).noEditionReason(id);
    }
}
