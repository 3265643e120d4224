package news.articles.tools.importer;

import static news.articles.tools.importer.ContentFixture.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.article.Article;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleStore.SaveOutcome;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPage;
import news.articles.error.StoreException;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.TableDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(MotoExtension.class)
class ContentImporterTest {

    private static final Instant AS_OF = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path folder;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ArticleStore store;
    private final ContentImporter importer;

    /** A fresh table for every test: JUnit makes an instance per test method. */
    ContentImporterTest(MotoServer moto) {
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        table = TestTables.createArticlesTable(dynamoDb);
        store = new DynamoDbArticleStore(dynamoDb, table);
        importer = new ContentImporter(store);
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void createsEveryArticleInFileNameOrderThenLeavesThemUnchanged() {
        article("gamma").writeTo(folder);
        article("alpha").writeTo(folder);
        article("beta").with("tags", "[chemistry]").writeTo(folder);

        ImportReport first = importer.importFolder(folder);

        assertEquals(List.of("alpha", "beta", "gamma"), first.slugs());
        assertEquals(3, first.created());
        for (String slug : first.slugs()) {
            assertEquals(Optional.of(MarkdownArticle.read(folder.resolve(slug + ".md"))), store.find(slug),
                    slug + " reads back as parsed");
        }

        ImportReport second = importer.importFolder(folder);

        assertEquals(List.of("alpha", "beta", "gamma"), second.slugs());
        assertEquals(List.of(3L, 0L, 0L), List.of(second.unchanged(), second.created(), second.updated()));
    }

    @Test
    void anEditUpdatesTheArticleAndMovesItsTagEntries() {
        article("comet-returns").with("tags", "[space, comets]").writeTo(folder);
        article("other-story").with("tags", "[comets]").writeTo(folder);
        importer.importFolder(folder);
        assertEquals(List.of("comet-returns", "other-story"), slugsTagged("comets"));

        article("comet-returns")
                .with("title", "\"The comet returns, brighter\"")
                .with("tags", "[space, astronomy]")
                .with("updatedAt", "2025-03-02T09:00:00Z")
                .writeTo(folder);
        ImportReport report = importer.importFolder(folder);

        assertEquals(List.of(SaveOutcome.UPDATED, SaveOutcome.UNCHANGED),
                report.entries().stream().map(ImportReport.Entry::outcome).toList());
        assertEquals("The comet returns, brighter", store.find("comet-returns").orElseThrow().title());
        assertEquals(List.of("other-story"), slugsTagged("comets"), "the dropped tag's entry is gone");
        assertEquals(List.of("comet-returns"), slugsTagged("astronomy"));
        assertEquals(List.of("comet-returns"), slugsTagged("space"));
    }

    @Test
    void aDraftIsStoredButNeverListed() {
        article("published-piece").writeTo(folder);
        article("unfinished-piece").with("draft", "true").writeTo(folder);

        ImportReport report = importer.importFolder(folder);

        assertEquals(1, report.drafts());
        ListingPage<ArticleSummary> latest = store.list(ArticleQuery.latest(AS_OF, 10));
        assertEquals(List.of("published-piece"), latest.items().stream().map(ArticleSummary::slug).toList());
        assertEquals(List.of("published-piece"), slugsTagged("space"));
        assertEquals(ArticleStatus.DRAFT, store.find("unfinished-piece").orElseThrow().status());
    }

    @Test
    void oneInvalidFileStopsTheImportBeforeAnyWrite() {
        article("fine-one").writeTo(folder);
        article("fine-two").writeTo(folder);
        Path bad = article("zz-bad").with("tags", "[Not OK]").writeTo(folder);
        Path worse = article("zz-worse").without("publishedAt").writeTo(folder);

        ContentException thrown = assertThrows(ContentException.class, () -> importer.importFolder(folder));

        assertEquals(2, thrown.problems().size(), thrown.getMessage());
        assertTrue(thrown.problems().get(0).startsWith(bad + ": tags"), thrown.getMessage());
        assertTrue(thrown.problems().get(1).startsWith(worse + ": publishedAt"), thrown.getMessage());
        assertEquals(Optional.empty(), store.find("fine-one"));
        assertEquals(Optional.empty(), store.find("fine-two"));
    }

    @Test
    void readsOnlyVisibleMarkdownFilesDirectlyInTheFolder() throws IOException {
        article("kept").writeTo(folder);
        Files.writeString(folder.resolve("notes.txt"), "not content");
        Files.writeString(folder.resolve(".#kept.md"), "an editor's lock file");
        Files.createDirectories(folder.resolve("drafts"));
        article("nested").writeTo(folder.resolve("drafts"));

        assertEquals(List.of("kept"), importer.importFolder(folder).slugs());
    }

    @Test
    void tellsProgressAboutEachArticleAsItIsSaved() {
        article("one").writeTo(folder);
        article("two").writeTo(folder);
        List<ImportReport.Entry> seen = new ArrayList<>();

        ImportReport report = importer.importFolder(folder, seen::add);

        assertEquals(report.entries(), seen);
    }

    @Test
    void aFailedSaveSaysWhichArticleAndWhatWasSavedBefore() {
        article("first").writeTo(folder);
        article("second").writeTo(folder);
        ArticleStore failingSecond = new ArticleStore() {
            @Override
            public Optional<Article> find(String slug) {
                return Optional.empty();
            }

            @Override
            public ListingPage<ArticleSummary> list(ArticleQuery query) {
                return new ListingPage<>(List.of(), Optional.empty());
            }

            @Override
            public SaveOutcome save(Article article) {
                if (article.slug().equals("second")) {
                    throw new StoreException("DynamoDB could not save an article", true, null);
                }
                return SaveOutcome.CREATED;
            }
        };

        ImportFailedException thrown = assertThrows(ImportFailedException.class,
                () -> new ContentImporter(failingSecond).importFolder(folder));

        assertEquals("second", thrown.slug());
        assertEquals(List.of("first"), thrown.completed().slugs());
    }

    @Test
    void storesDerivedKeywordsFindsThemByTopicButNotOnTagPagesAndRecomputesThemOnReimport() {
        article("battery-plant").with("title", "\"Battery plant opens\"").with("tags", "[industry]")
                .body("Lithium battery cells.\n").writeTo(folder);
        article("battery-cars").with("title", "\"Battery cars sell\"").with("tags", "[cars]")
                .body("Cheaper battery cells.\n").writeTo(folder);
        article("library").with("title", "\"Library reopens\"").with("tags", "[books]").writeTo(folder);
        article("bookshop").with("title", "\"Bookshop reopens\"").with("tags", "[books]").writeTo(folder);
        article("stadium").with("title", "\"Stadium roof\"").with("tags", "[sport]").writeTo(folder);

        importer.importFolder(folder);

        assertEquals(List.of("battery", "cell"), store.find("battery-plant").orElseThrow().keywords());
        assertEquals(List.of("battery-cars", "battery-plant"), slugsAbout("battery"));
        assertEquals(List.of("battery", "cell"), store.list(ArticleQuery.aboutTopic("battery", AS_OF, 10)).items()
                .get(0).keywords(), "the topic index carries the keywords the ranking needs");
        assertEquals(List.of("bookshop", "library"), slugsAbout("books"), "tag entries are topics too");
        assertEquals(List.of(), slugsTagged("battery"), "tag pages list tags only");
        assertEquals(List.of(), store.list(ArticleQuery.withTag("battery", AS_OF, 10)).items());

        // The body changes: "cell" is no longer shared, so its entries go; an unchanged corpus writes nothing.
        article("battery-cars").with("title", "\"Battery cars sell\"").with("tags", "[cars]")
                .body("Cheaper to run.\n").writeTo(folder);
        ImportReport again = importer.importFolder(folder);

        assertEquals(List.of("battery"), store.find("battery-plant").orElseThrow().keywords());
        assertEquals(List.of(), slugsAbout("cell"));
        assertEquals(List.of("battery-cars", "battery-plant"), slugsAbout("battery"));
        assertEquals(2, again.updated());
        assertEquals(0, importer.importFolder(folder).updated());
    }

    @Test
    void unpublishingAnArticleRemovesItsKeywordEntries() {
        article("battery-plant").with("title", "\"Battery plant opens\"").writeTo(folder);
        article("battery-cars").with("title", "\"Battery cars sell\"").writeTo(folder);
        article("library").with("title", "\"Library reopens\"").writeTo(folder);
        article("stadium").with("title", "\"Stadium roof\"").writeTo(folder);
        importer.importFolder(folder);
        assertEquals(List.of("battery-cars", "battery-plant"), slugsAbout("battery"));

        article("battery-cars").with("title", "\"Battery cars sell\"").with("draft", "true").writeTo(folder);
        importer.importFolder(folder);

        assertEquals(List.of("battery-plant"), slugsAbout("battery"));
    }

    /** Reads the ByTopic index directly, by the names the template gives it. */
    private List<String> slugsAbout(String topic) {
        TableDefinition.Index byTopic = TestTables.template().table("ArticlesTable").orElseThrow()
                .globalSecondaryIndex("ByTopic").orElseThrow();
        String partitionAttribute = byTopic.keySchema().get(0).attributeName();
        return dynamoDb.query(request -> request
                        .tableName(table)
                        .indexName(byTopic.name())
                        .keyConditionExpression("#topic = :topic")
                        .expressionAttributeNames(Map.of("#topic", partitionAttribute))
                        .expressionAttributeValues(Map.of(":topic", AttributeValue.fromS(topic))))
                .items().stream()
                .map(item -> item.get("slug").s())
                .sorted()
                .toList();
    }

    /** Reads the ByTag index directly, by the names the template gives it. */
    private List<String> slugsTagged(String tag) {
        TableDefinition.Index byTag = TestTables.template().table("ArticlesTable").orElseThrow()
                .globalSecondaryIndex("ByTag").orElseThrow();
        String partitionAttribute = byTag.keySchema().get(0).attributeName();
        return dynamoDb.query(request -> request
                        .tableName(table)
                        .indexName(byTag.name())
                        .keyConditionExpression("#tag = :tag")
                        .expressionAttributeNames(Map.of("#tag", partitionAttribute))
                        .expressionAttributeValues(Map.of(":tag", AttributeValue.fromS(tag))))
                .items().stream()
                .map(item -> item.get("slug").s())
                .sorted()
                .toList();
    }
}
