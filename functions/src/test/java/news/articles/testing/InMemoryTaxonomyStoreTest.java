package news.articles.testing;

import news.articles.article.TaxonomyStore;
import news.articles.article.TaxonomyStoreContract;

/** The fake the unit tests use, held to the contract the DynamoDB store passes on moto. */
class InMemoryTaxonomyStoreTest extends TaxonomyStoreContract {

    @Override
    protected TaxonomyStore store() {
        return new InMemoryTaxonomyStore();
    }
}
