package news.articles.tools.importer;

import static news.articles.tools.importer.ContentFixture.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPage;
import news.articles.article.ListingPosition;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDbArticleStore's listings, paged through end to end, over content imported into moto. */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleListingPaginationTest {

    private static final Instant AS_OF = Instant.parse("2025-06-01T12:00:00Z");

    /** Newest first, as the listing must return them: two share an instant, so the slug decides. */
    private static final List<String> PUBLISHED_NEWEST_FIRST = List.of(
            "g-seventh", "f-sixth", "e-tie-late", "d-tie-early", "c-third", "b-second", "a-first");

    private DynamoDbClient dynamoDb;
    private ArticleStore store;

    @BeforeAll
    void importArticles(MotoServer moto, @TempDir Path folder) {
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        store = new DynamoDbArticleStore(dynamoDb, TestTables.createArticlesTable(dynamoDb));
        dated("a-first", "2025-01-01T08:00:00Z").writeTo(folder);
        dated("b-second", "2025-02-01T08:00:00Z").with("tags", "[physics]").writeTo(folder);
        dated("c-third", "2025-03-01T08:00:00Z").writeTo(folder);
        dated("d-tie-early", "2025-04-01T08:00:00Z").with("section", "culture").writeTo(folder);
        dated("e-tie-late", "2025-04-01T08:00:00Z").writeTo(folder);
        dated("f-sixth", "2025-05-01T08:00:00Z").with("tags", "[physics, space]").writeTo(folder);
        // Published at the query's instant, to the second: listed.
        dated("g-seventh", "2025-06-01T12:00:00Z").writeTo(folder);
        // One second after the query's instant: not yet.
        dated("h-scheduled", "2025-06-01T12:00:01Z").writeTo(folder);
        dated("i-draft", "2025-03-15T08:00:00Z").with("draft", "true").with("tags", "[physics]").writeTo(folder);
        new ContentImporter(store).importFolder(folder);
    }

    @AfterAll
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void latestPagesThroughEveryPublishedArticleNewestFirst() {
        assertEquals(PUBLISHED_NEWEST_FIRST, pageThrough(ArticleQuery.latest(AS_OF, 3)));
    }

    @Test
    void oldestFirstPagesThroughTheSameArticlesTheOtherWayRound() {
        assertEquals(reversed(PUBLISHED_NEWEST_FIRST), pageThrough(ArticleQuery.latest(AS_OF, 3).oldestFirst()));
    }

    @Test
    void everyPageSizeGivesTheSameListing() {
        for (int limit = 1; limit <= 8; limit++) {
            assertEquals(PUBLISHED_NEWEST_FIRST, pageThrough(ArticleQuery.latest(AS_OF, limit)), "limit " + limit);
        }
    }

    @Test
    void sectionAndTagListingsPageThroughTheirOwnArticles() {
        List<String> science = new ArrayList<>(PUBLISHED_NEWEST_FIRST);
        science.remove("d-tie-early");
        assertEquals(science, pageThrough(ArticleQuery.inSection("science", AS_OF, 2)));
        assertEquals(reversed(science), pageThrough(ArticleQuery.inSection("science", AS_OF, 2).oldestFirst()));
        assertEquals(List.of("f-sixth", "b-second"), pageThrough(ArticleQuery.withTag("physics", AS_OF, 1)));
        assertEquals(List.of("b-second", "f-sixth"),
                pageThrough(ArticleQuery.withTag("physics", AS_OF, 1).oldestFirst()));
    }

    @Test
    void aFutureDatedArticleAppearsOnceItsTimeHasCome() {
        assertEquals("h-scheduled",
                pageThrough(ArticleQuery.latest(Instant.parse("2025-06-01T12:00:01Z"), 3)).get(0));
        assertFalse(pageThrough(ArticleQuery.latest(AS_OF, 3)).contains("h-scheduled"));
    }

    private static ContentFixture dated(String slug, String publishedAt) {
        return article(slug).with("publishedAt", publishedAt).with("tags", "[general]");
    }

    /** Follows next positions to the end, checking that no article comes twice. */
    private List<String> pageThrough(ArticleQuery first) {
        List<String> slugs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ArticleQuery query = first;
        for (int pages = 0; pages < 50; pages++) {
            ListingPage<ArticleSummary> page = store.list(query);
            assertTrue(page.items().size() <= first.limit(), "a page holds at most the limit");
            for (ArticleSummary summary : page.items()) {
                assertTrue(seen.add(summary.slug()), summary.slug() + " listed twice");
                slugs.add(summary.slug());
            }
            if (page.next().isEmpty()) {
                return slugs;
            }
            ListingPosition next = page.next().get();
            query = query.after(next);
        }
        throw new AssertionError("the listing did not end within 50 pages: " + slugs);
    }

    private static List<String> reversed(List<String> slugs) {
        List<String> copy = new ArrayList<>(slugs);
        Collections.reverse(copy);
        return copy;
    }
}
