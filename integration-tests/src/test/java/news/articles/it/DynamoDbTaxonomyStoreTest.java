package news.articles.it;

import java.util.UUID;
import news.articles.article.TaxonomyStore;
import news.articles.article.TaxonomyStoreContract;
import news.articles.store.dynamodb.DynamoDbTaxonomyStore;
import news.articles.tools.ProjectRoot;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB taxonomy store on moto, held to the contract the unit tests' fake passes; a new table per test. */
@ExtendWith(MotoExtension.class)
class DynamoDbTaxonomyStoreTest extends TaxonomyStoreContract {

    private static final TableDefinition ARTICLES_TABLE = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"))
            .table("ArticlesTable").orElseThrow(() -> new AssertionError("template.yaml declares no ArticlesTable"));

    private final DynamoDbClient dynamoDb;

    DynamoDbTaxonomyStoreTest(MotoServer moto) {
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Override
    protected TaxonomyStore store() {
        String table = "articles-" + UUID.randomUUID().toString().substring(0, 8);
        TableProvisioner.createTable(dynamoDb, ARTICLES_TABLE, table);
        return new DynamoDbTaxonomyStore(dynamoDb, table);
    }
}
