package news.articles.testing;

import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutProgress;
import news.articles.newsletter.FanOutProgressContract;

/** The fake the unit tests use, held to the contract the DynamoDB adapter passes on moto. */
class InMemoryFanOutProgressTest extends FanOutProgressContract {

    private final InMemoryFanOutProgress progress = new InMemoryFanOutProgress();

    @Override
    protected FanOutProgress progress() {
        return progress;
    }

    @Override
    protected void storeEdition(EditionId edition) {
        progress.editionStored(edition);
    }
}
