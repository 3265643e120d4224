package news.articles.tools.local;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
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
import news.articles.aws.AwsClients;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Lays out the application's AWS side in a local AWS (moto): the template's tables under the
 * names the env file gives them, every sender address it names verified in SES, and the content
 * imported. What tests, {@code sam local invoke} and the local stack run against.
 */
public final class LocalAws {

    static final String ARTICLES_TABLE = "ArticlesTable";
    static final String SENDER_VARIABLE = "SENDER_ADDRESS";
    /** The variable that names the identifier key's secret (the template's IdentifierKeySecret). */
    public static final String IDENTIFIER_KEY_VARIABLE = "IDENTIFIER_KEY_SECRET";
    /**
     * The identifier key of the env-file stacks ({@code sam local invoke}, the tests' sample site):
     * fixed and public, for local use only, so that a sample event can carry a listing cursor that
     * is valid (events/list-articles-next-page.json). {@code bin/local} generates a key at each start.
     */
    public static final String SAMPLE_IDENTIFIER_KEY = "sample-identifier-key-of-local-stacks-never-deployed-0123456789";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

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
        Preparation preparation = prepare(endpoint, template, tables, senders, contentFolder);
        for (FunctionDefinition function : template.functions()) {
            if (function.environment().containsKey(IDENTIFIER_KEY_VARIABLE)) {
                envFile.value(function.logicalId(), IDENTIFIER_KEY_VARIABLE)
                        .ifPresent(secretId -> createSecret(endpoint, secretId, SAMPLE_IDENTIFIER_KEY));
            }
        }
        return preparation;
    }

    /** The identifier key the local AWS holds under {@code secretId}, as the functions read it. */
    public static news.articles.keyed.KeyedHash identifierKey(URI endpoint, String secretId) {
        return news.articles.keyed.KeyedHash.withKey(news.articles.aws.Secrets.read(MotoClients.settings(endpoint), secretId));
    }

    /** A new identifier key: 64 random letters and digits, as the template's GenerateSecretString makes one. */
    public static String newIdentifierKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    /** Creates the secret in the local Secrets Manager with {@code value}, unless one of that name exists (kept as it is). */
    public static void createSecret(URI endpoint, String secretId, String value) {
        try (SecretsManagerClient secrets = AwsClients.secretsManager(MotoClients.settings(endpoint))) {
            try {
                secrets.describeSecret(request -> request.secretId(secretId));
            } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
                secrets.createSecret(request -> request.name(secretId).secretString(value));
            }
        }
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
