package news.articles.tools.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import news.articles.tools.ProjectRoot;
import news.articles.tools.importer.ContentException;
import news.articles.tools.importer.ContentImporter;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.VerificationStatus;

/**
 * {@link LocalAws#prepare} run twice against moto with the real template and content/ and a copy
 * of events/env.json under fresh names: what the first run lays out, and that the second changes nothing.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalAwsTest {

    private static final Path ROOT = ProjectRoot.require();
    private static final Path CONTENT = ROOT.resolve("content");
    private static final Map<String, String> SUBSCRIBER_KEPT = Map.of("pk", "kept-between-runs");

    private final SamTemplate template = SamTemplate.load(ROOT.resolve(ProjectRoot.TEMPLATE_FILE));
    private MotoServer moto;
    private DynamoDbClient dynamoDb;
    private SesV2Client ses;
    private LocalEnvFile env;
    private LocalAws.Preparation first;
    private LocalAws.Preparation second;

    @BeforeAll
    void prepareTwice(MotoServer moto, @TempDir Path folder) {
        this.moto = moto;
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        ses = MotoClients.sesV2(moto.endpoint());
        env = LocalEnvFile.writeTo(folder);

        first = LocalAws.prepare(moto.endpoint(), template, SamEnvFile.load(env.file()), CONTENT);
        dynamoDb.putItem(request -> request.tableName(env.subscribersTable()).item(item(SUBSCRIBER_KEPT)));
        second = LocalAws.prepare(moto.endpoint(), template, SamEnvFile.load(env.file()), CONTENT);
    }

    @AfterAll
    void closeClients() {
        dynamoDb.close();
        ses.close();
    }

    @Test
    void createsBothTablesUnderTheEnvFileNames() {
        assertEquals(List.of("ArticlesTable", "SubscribersTable", "EditionsTable"), List.copyOf(first.tables().keySet()),
                "in template order");
        assertEquals(Map.of("ArticlesTable", env.articlesTable(), "SubscribersTable", env.subscribersTable(),
                "EditionsTable", env.editionsTable()), first.tables());
        assertEquals(List.of(env.articlesTable(), env.subscribersTable(), env.editionsTable()), first.createdTables());
        assertTrue(exists(env.articlesTable()) && exists(env.subscribersTable()) && exists(env.editionsTable()));
    }

    @Test
    void theTablesHaveTheTemplatesIndexesAndTimeToLive() {
        TableDescription articles = dynamoDb.describeTable(request -> request.tableName(env.articlesTable())).table();
        assertEquals(Set.of("ByPublished", "BySection", "ByTag", "ByTopic"), articles.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet()));
        assertEquals(TimeToLiveStatus.DISABLED, timeToLive(env.articlesTable()).timeToLiveStatus());

        TableDescription subscribers = dynamoDb.describeTable(request -> request.tableName(env.subscribersTable()))
                .table();
        assertEquals(List.of("ByConfirmed"), subscribers.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).toList(), "the newsletter's recipients");
        TimeToLiveDescription ttl = timeToLive(env.subscribersTable());
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void verifiesTheSenderSoThatMotoAcceptsMailFromIt() {
        assertEquals(List.of(env.sender()), first.senders());
        assertEquals(VerificationStatus.SUCCESS,
                ses.getEmailIdentity(request -> request.emailIdentity(env.sender())).verificationStatus());

        String subject = "Sent by " + env.sender();
        ses.sendEmail(request -> request.fromEmailAddress(env.sender())
                .destination(to -> to.toAddresses("reader@example.org"))
                .content(content -> content.simple(message -> message
                        .subject(text -> text.data(subject))
                        .body(body -> body.text(text -> text.data("Hello."))))));
        assertTrue(moto.sentEmails().stream().map(SentEmail::subject).anyMatch(subject::equals));
        assertThrows(MessageRejectedException.class, () -> ses.sendEmail(request -> request
                .fromEmailAddress("unverified-" + env.sender())
                .destination(to -> to.toAddresses("reader@example.org"))
                .content(content -> content.simple(message -> message
                        .subject(text -> text.data("No"))
                        .body(body -> body.text(text -> text.data("No.")))))),
                "moto's check means something");
    }

    @Test
    void importsEveryContentFile() {
        int files = ContentImporter.contentFiles(CONTENT).size();
        assertTrue(files > 0, "content/ holds articles");
        assertEquals(files, first.content().entries().size());
        assertEquals(files, first.content().created());
        assertTrue(dynamoDb.scan(request -> request.tableName(env.articlesTable()).select("COUNT")).count() >= files);
    }

    @Test
    void aSecondRunKeepsTheTablesAndImportsNothing() {
        assertEquals(first.tables(), second.tables());
        assertEquals(List.of(), second.createdTables(), "all exist");
        assertTrue(dynamoDb.getItem(request -> request.tableName(env.subscribersTable()).key(item(SUBSCRIBER_KEPT)))
                .hasItem(), "the table was kept, not created again");
        assertEquals(List.of(env.sender()), second.senders());
        assertEquals(0, second.content().created());
        assertEquals(0, second.content().updated());
        assertEquals(first.content().entries().size(), second.content().unchanged());
    }

    @Test
    void aTableTheEnvFileDoesNotNameStopsTheRunBeforeItCreatesAnything(@TempDir Path folder) throws IOException {
        Path partial = Files.writeString(folder.resolve("env.json"),
                "{\"Parameters\": {\"ARTICLES_TABLE\": \"" + env.articlesTable() + "-partial\"}}");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> LocalAws.prepare(moto.endpoint(), template, SamEnvFile.load(partial), CONTENT));

        assertTrue(thrown.getMessage().startsWith("the env file names no table for SubscribersTable"),
                thrown.getMessage());
        assertFalse(exists(env.articlesTable() + "-partial"));
    }

    @Test
    void badContentStopsTheRunBeforeItCreatesAnything(@TempDir Path folder) throws IOException {
        LocalEnvFile fresh = LocalEnvFile.writeTo(Files.createDirectory(folder.resolve("env")));
        Path content = Files.createDirectory(folder.resolve("content"));
        Files.writeString(content.resolve("broken.md"), "no front matter at all\n");

        assertThrows(ContentException.class,
                () -> LocalAws.prepare(moto.endpoint(), template, SamEnvFile.load(fresh.file()), content));

        assertFalse(exists(fresh.articlesTable()));
        assertFalse(exists(fresh.subscribersTable()));
    }

    private boolean exists(String table) {
        try {
            dynamoDb.describeTable(request -> request.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private TimeToLiveDescription timeToLive(String table) {
        return dynamoDb.describeTimeToLive(request -> request.tableName(table)).timeToLiveDescription();
    }

    private static Map<String, AttributeValue> item(Map<String, String> strings) {
        return strings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> AttributeValue.fromS(entry.getValue())));
    }
}
