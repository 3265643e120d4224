package news.articles.tools;

import java.util.UUID;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Tables from the real template under fresh names, so that tests sharing one moto never meet. */
public final class TestTables {

    private static final SamTemplate TEMPLATE =
            SamTemplate.load(ProjectRoot.require().resolve(ProjectRoot.TEMPLATE_FILE));

    private TestTables() {
    }

    public static SamTemplate template() {
        return TEMPLATE;
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a table as the template declares ArticlesTable, and returns its name. */
    public static String createArticlesTable(DynamoDbClient dynamoDb) {
        TableDefinition table = TEMPLATE.table("ArticlesTable")
                .orElseThrow(() -> new AssertionError("template.yaml declares no ArticlesTable"));
        String name = uniqueName("articles");
        TableProvisioner.createTable(dynamoDb, table, name);
        return name;
    }
}
