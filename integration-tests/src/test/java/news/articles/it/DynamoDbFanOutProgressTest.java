package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.article.ArticleSummary;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutProgress;
import news.articles.newsletter.FanOutProgressContract;
import news.articles.store.dynamodb.DynamoDbEditionStore;
import news.articles.store.dynamodb.DynamoDbFanOutProgress;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fan-out's progress on moto, on the edition items of the EditionsTable template.yaml declares:
 * the contract the in-memory fake passes, and the attributes as docs/data-model.md names them,
 * beside the edition's own, which the edition store still reads.
 */
@ExtendWith(MotoExtension.class)
class DynamoDbFanOutProgressTest extends FanOutProgressContract {

    private SampleSite site;
    private DynamoDbEditionStore editions;
    private DynamoDbFanOutProgress progress;

    @BeforeEach
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
        editions = new DynamoDbEditionStore(site.dynamoDb, site.tableNames.get("EditionsTable"));
        progress = new DynamoDbFanOutProgress(site.dynamoDb, site.tableNames.get("EditionsTable"));
    }

    @Override
    protected FanOutProgress progress() {
        return progress;
    }

    @Override
    protected void storeEdition(EditionId edition) {
        Instant at = Instant.parse("2026-12-04T09:00:00Z");
        editions.create(new Edition(edition, at, at.minusSeconds(7 * 86_400), at, at, List.of(new ArticleSummary("a-story",
                "A story", "What happened.", "A. Writer", "news", List.of(), at.minusSeconds(3_600), at.minusSeconds(3_600), 3))));
    }

    @Test
    void theProgressLivesOnTheEditionItemBesideTheEdition() {
        EditionId edition = new EditionId("2026-W49");
        storeEdition(edition);
        progress.start(edition, Instant.parse("2026-12-04T09:00:01Z"));
        progress.advance(edition, Optional.empty(), Optional.of("0abc"), 1000, Instant.parse("2026-12-04T09:00:02Z"));

        Map<String, AttributeValue> item = site.dynamoDb.getItem(request -> request
                .tableName(site.tableNames.get("EditionsTable"))
                .key(Map.of("pk", AttributeValue.fromS("EDITION"), "sk", AttributeValue.fromS("2026-W49")))
                .consistentRead(true)).item();
        assertEquals("0abc", item.get("fanOutAfter").s());
        assertEquals("1000", item.get("fanOutEnqueued").n());
        assertEquals(Boolean.FALSE, item.get("fanOutDone").bool());
        assertEquals("2026-12-04T09:00:02Z", item.get("fanOutUpdatedAt").s());
        assertEquals(edition, editions.find(edition).orElseThrow().id(), "the edition store reads its edition still");
    }
}
