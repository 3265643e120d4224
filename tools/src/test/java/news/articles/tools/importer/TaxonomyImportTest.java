package news.articles.tools.importer;

import static news.articles.tools.importer.ContentFixture.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStore;
import news.articles.article.SiteTaxonomy;
import news.articles.article.TaxonomyStore;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbTaxonomyStore;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The importer writes the sections and tags with their counts, which GET /sections reads with one GetItem. */
@ExtendWith(MotoExtension.class)
class TaxonomyImportTest {

    private static final Instant IMPORTED_AT = Instant.parse("2025-04-01T00:00:00Z");

    @TempDir
    Path folder;

    private final DynamoDbClient dynamoDb;
    private final ArticleStore store;
    private final TaxonomyStore taxonomy;

    TaxonomyImportTest(MotoServer moto) {
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        String table = TestTables.createArticlesTable(dynamoDb);
        store = new DynamoDbArticleStore(dynamoDb, table);
        taxonomy = new DynamoDbTaxonomyStore(dynamoDb, table);
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    private void writeSite() {
        article("comet-returns").with("tags", "[space, comets]").writeTo(folder);
        article("other-story").with("tags", "[comets]").writeTo(folder);
        article("bookshop-revival").with("section", "culture").with("tags", "[books]").writeTo(folder);
        article("unfinished-piece").with("tags", "[space]").with("draft", "true").writeTo(folder);
        article("next-month").with("section", "culture").with("tags", "[books, space]")
                .with("publishedAt", "2025-05-01T09:00:00Z").writeTo(folder);
    }

    @Test
    void countsPublishedArticlesAndKeepsScheduledOnesForTheirTime() {
        writeSite();

        new ContentImporter(store, taxonomy, Clock.fixed(IMPORTED_AT, ZoneOffset.UTC)).importFolder(folder);
        SiteTaxonomy saved = taxonomy.find().orElseThrow();

        assertEquals(SiteTaxonomy.of(ContentImporter.parseFolder(folder), IMPORTED_AT), saved, "reads back as written");
        assertEquals(Map.of("culture", 1, "science", 2), saved.asOf(IMPORTED_AT).sections());
        assertEquals(Map.of("books", 1, "comets", 2, "space", 1), saved.asOf(IMPORTED_AT).tags());
        SiteTaxonomy later = saved.asOf(Instant.parse("2025-05-01T09:00:00Z"));
        assertEquals(Map.of("culture", 2, "science", 2), later.sections());
        assertEquals(Map.of("books", 2, "comets", 2, "space", 2), later.tags());
        assertEquals(List.of(), later.scheduled());
    }

    @Test
    void theCountsAreWhatTheListingsHoldAndTheItemIsInNoListing() {
        writeSite();
        new ContentImporter(store, taxonomy, Clock.fixed(IMPORTED_AT, ZoneOffset.UTC)).importFolder(folder);
        Instant farFuture = Instant.parse("2100-01-01T00:00:00Z");
        SiteTaxonomy counted = taxonomy.find().orElseThrow().asOf(farFuture);

        counted.sections().forEach((section, count) -> assertEquals(count,
                store.list(ArticleQuery.inSection(section, farFuture, 100)).items().size(), section));
        counted.tags().forEach((tag, count) -> assertEquals(count,
                store.list(ArticleQuery.withTag(tag, farFuture, 100)).items().size(), tag));
        assertEquals(4, store.list(ArticleQuery.latest(farFuture, 100)).items().size(), "articles only");
    }

    @Test
    void aNewImportReplacesTheCounts() {
        writeSite();
        ContentImporter importer = new ContentImporter(store, taxonomy, Clock.fixed(IMPORTED_AT, ZoneOffset.UTC));
        importer.importFolder(folder);
        article("comet-returns").with("section", "space").with("tags", "[comets]").writeTo(folder);

        importer.importFolder(folder);

        assertEquals(Map.of("culture", 1, "science", 1, "space", 1), taxonomy.find().orElseThrow().asOf(IMPORTED_AT).sections());
    }

    @Test
    void nothingIsWrittenBeforeTheFirstImportAndAFailedOneLeavesTheOldCounts() {
        assertEquals(Optional.empty(), taxonomy.find());
        article("comet-returns").writeTo(folder);
        TaxonomyStore failing = new TaxonomyStore() {
            @Override
            public Optional<SiteTaxonomy> find() {
                return taxonomy.find();
            }

            @Override
            public void save(SiteTaxonomy ignored) {
                throw new IllegalStateException("the table is gone");
            }
        };

        ImportFailedException thrown = assertThrows(ImportFailedException.class,
                () -> new ContentImporter(store, failing, Clock.fixed(IMPORTED_AT, ZoneOffset.UTC)).importFolder(folder));

        assertEquals(1, thrown.completed().entries().size(), "the articles were saved");
        assertFalse(taxonomy.find().isPresent());
    }
}
