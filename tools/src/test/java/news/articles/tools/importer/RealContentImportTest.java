package news.articles.tools.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import news.articles.article.Article;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.ProjectRoot;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The repository's own content folder imports cleanly: what the import command in docs/operations.md will do. */
@ExtendWith(MotoExtension.class)
class RealContentImportTest {

    @Test
    void importsTheWholeContentFolder(MotoServer moto) {
        Path content = ProjectRoot.require().resolve("content");
        assumeTrue(Files.isDirectory(content) && !ContentImporter.contentFiles(content).isEmpty(),
                "no content/*.md files yet");
        List<Article> articles = ContentImporter.parseFolder(content);

        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint())) {
            ArticleStore store = new DynamoDbArticleStore(dynamoDb, TestTables.createArticlesTable(dynamoDb));
            ImportReport report = new ContentImporter(store).importFolder(content);

            assertEquals(articles.size(), report.created());
            assertEquals(articles.stream().map(Article::slug).toList(), report.slugs());
            Instant farFuture = Instant.parse("2100-01-01T00:00:00Z");
            List<String> listed = store.list(ArticleQuery.latest(farFuture, ArticleQuery.MAX_LIMIT)).items().stream()
                    .map(ArticleSummary::slug).toList();
            List<String> published = articles.stream()
                    .filter(article -> article.status() == ArticleStatus.PUBLISHED).map(Article::slug).toList();
            assertEquals(published.size(), listed.size(), "every published article is listed once: " + listed);
            assertTrue(listed.containsAll(published), listed.toString());
            assertEquals(0, new ContentImporter(store).importFolder(content).created() , "a second import creates nothing");
        }
    }
}
