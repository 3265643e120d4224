package news.articles.tools.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import news.articles.article.Article;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbTaxonomyStore;
import news.articles.tools.importer.ContentImporter;
import news.articles.tools.importer.ImportReport;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Lays out the application's AWS side in a local AWS (moto): the template's tables under the
 * names the env file gives them, every sender address it names verified in SES, and the content
 * imported. What tests, {@code sam local invoke} and the local stack run against.
 */
public final class LocalAws {

    static final String ARTICLES_TABLE = "ArticlesTable";
    static final String SENDER_VARIABLE = "SENDER_ADDRESS";

    private LocalAws() {
    }

    /** What {@link #prepare} did; {@code tables} maps logical ids to local names, in template order. */
    public record Preparation(Map<String, String> tables, List<String> createdTables, List<String> senders,
            ImportReport content) {
        public Preparation {
            // Not Map.copyOf: its iteration order changes from one JVM to the next, and the CLI prints this map.
            tables = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tables, "tables")));
            createdTables = List.copyOf(Objects.requireNonNull(createdTables, "createdTables"));
            senders = List.copyOf(Objects.requireNonNull(senders, "senders"));
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * Checks the content, creates the tables that are missing (existing ones are kept as they are),
     * verifies the senders and imports the content.
     */
    public static Preparation prepare(URI endpoint, SamTemplate template, SamEnvFile envFile, Path contentFolder) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(envFile, "envFile");
        Map<String, String> named = envFile.tableNames(template);
        Map<String, String> tables = new LinkedHashMap<>();
        for (TableDefinition table : template.tables()) {
            String name = named.get(table.logicalId());
            if (name == null) {
                throw new IllegalArgumentException("the env file names no table for " + table.logicalId()
                        + ": give a value to a variable the template sets to !Ref " + table.logicalId());
            }
            tables.put(table.logicalId(), name);
        }
        TreeSet<String> senders = new TreeSet<>();
        for (FunctionDefinition function : template.functions()) {
            if (function.environment().containsKey(SENDER_VARIABLE)) {
                envFile.value(function.logicalId(), SENDER_VARIABLE).ifPresent(senders::add);
            }
        }
        return prepare(endpoint, template, tables, senders, contentFolder);
    }

    /**
     * The same with the names given: {@code tables} maps every table's logical id to its local
     * name; {@code senders} are the addresses to verify in SES.
     */
    public static Preparation prepare(URI endpoint, SamTemplate template, Map<String, String> tables,
            Collection<String> senders, Path contentFolder) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(senders, "senders");
        Objects.requireNonNull(contentFolder, "contentFolder");
        // As the importer does: bad content stops the run before anything is created.
        List<Article> articles = ContentImporter.parseFolder(contentFolder);
        Map<String, String> ordered = new LinkedHashMap<>();
        for (TableDefinition table : template.tables()) {
            String name = tables.get(table.logicalId());
            if (name == null) {
                throw new IllegalArgumentException("no local name for the table " + table.logicalId());
            }
            ordered.put(table.logicalId(), name);
        }
        List<String> sortedSenders = List.copyOf(new TreeSet<>(senders));
        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(endpoint); SesV2Client ses = MotoClients.sesV2(endpoint)) {
            List<String> created = new ArrayList<>();
            for (TableDefinition table : template.tables()) {
                String name = ordered.get(table.logicalId());
                if (!exists(dynamoDb, name)) {
                    TableProvisioner.createTable(dynamoDb, table, name);
                    created.add(name);
                }
            }
            for (String sender : sortedSenders) {
                ses.createEmailIdentity(request -> request.emailIdentity(sender));
            }
            ImportReport report = new ContentImporter(new DynamoDbArticleStore(dynamoDb, ordered.get(ARTICLES_TABLE)),
                    new DynamoDbTaxonomyStore(dynamoDb, ordered.get(ARTICLES_TABLE)), Clock.systemUTC())
                    .importArticles(articles, entry -> { });
            return new Preparation(ordered, created, sortedSenders, report);
        }
    }

    private static boolean exists(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.describeTable(request -> request.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
