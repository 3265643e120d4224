package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionStore;
import news.articles.newsletter.EditionStoreContract;
import news.articles.store.dynamodb.DynamoDbEditionStore;
import news.articles.tools.ProjectRoot;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB edition store on moto, each test on a fresh copy of the EditionsTable template.yaml
 * declares: the store contract (the same tests the in-memory fake passes, with the conditional put
 * enforced by DynamoDB), and what only this store has: the items as docs/data-model.md names them,
 * and attributes it does not know (the delivery's fan-out progress) left alone.
 */
@ExtendWith(MotoExtension.class)
class DynamoDbEditionStoreTest extends EditionStoreContract {

    private static final TableDefinition TABLE = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"))
            .table("EditionsTable").orElseThrow();

    /** moto, forwarding one request at a time: atomic per request as DynamoDB is (see {@link MotoProxy}). */
    private static MotoProxy atomic;
    /** Through the proxy, for the stores under test. */
    private static DynamoDbClient atomicDynamoDb;
    /** Straight to moto, for creating tables and reading items. */
    private static DynamoDbClient dynamoDb;
    private static final Map<EditionStore, String> TABLES = new HashMap<>();

    @BeforeAll
    static void client(MotoServer moto) throws IOException {
        atomic = new MotoProxy(moto.endpoint()).oneRequestAtATime();
        atomicDynamoDb = MotoClients.dynamoDb(atomic.endpoint());
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
    }

    @AfterAll
    static void close() {
        atomicDynamoDb.close();
        dynamoDb.close();
        atomic.close();
    }

    @Override
    protected EditionStore emptyStore() {
        String name = "editions-" + UUID.randomUUID();
        TableProvisioner.createTable(dynamoDb, TABLE, name);
        EditionStore store = new DynamoDbEditionStore(atomicDynamoDb, name);
        TABLES.put(store, name);
        return store;
    }

    @Override
    protected Optional<String> noEditionReason(EditionStore store, EditionId id) {
        return Optional.ofNullable(item(TABLES.get(store), "NO_EDITION", id.value()).get("reason")).map(AttributeValue::s);
    }

    @Test
    void anEditionIsOneItemAsTheDataModelNamesIt() {
        EditionStore store = emptyStore();
        Edition edition = edition("2026-W47", 2);
        store.create(edition);
        store.recordNoEdition(new EditionId("2026-W48"), edition.scheduledAt().plusSeconds(7 * 86400), "nothing new");

        Map<String, AttributeValue> item = item(TABLES.get(store), "EDITION", "2026-W47");
        assertEquals(edition.scheduledAt().toString(), item.get("scheduledAt").s());
        assertEquals(edition.windowStart().toString(), item.get("windowStart").s());
        assertEquals(edition.windowEnd().toString(), item.get("windowEnd").s());
        assertEquals(edition.composedAt().toString(), item.get("composedAt").s());
        List<AttributeValue> articles = item.get("articles").l();
        assertEquals(2, articles.size());
        assertEquals(edition.articles().get(0).slug(), articles.get(0).m().get("slug").s(), "in the edition's order");
        assertEquals("5", articles.get(0).m().get("readingMinutes").n());

        Map<String, AttributeValue> none = item(TABLES.get(store), "NO_EDITION", "2026-W48");
        assertEquals("nothing new", none.get("reason").s());
        assertTrue(none.containsKey("scheduledAt"));
    }

    @Test
    void attributesTheStoreDoesNotKnowAreLeftAlone() {
        EditionStore store = emptyStore();
        Edition edition = edition("2026-W47", 1);
        store.create(edition);
        // What the delivery adds to the edition's item with its own UpdateItem calls.
        dynamoDb.updateItem(request -> request
                .tableName(TABLES.get(store))
                .key(Map.of("pk", AttributeValue.fromS("EDITION"), "sk", AttributeValue.fromS("2026-W47")))
                .updateExpression("SET fanOutAfter = :after, fanOutEnqueued = :n, fanOutDone = :done, fanOutUpdatedAt = :at")
                .expressionAttributeValues(Map.of(
                        ":after", AttributeValue.fromS("SUBSCRIBER#abc"),
                        ":n", AttributeValue.fromN("1200"),
                        ":done", AttributeValue.fromBool(false),
                        ":at", AttributeValue.fromS("2026-11-20T09:01:00Z"))));

        assertEquals(Optional.of(edition), store.find(edition.id()));
        assertEquals(List.of(edition), store.archive(Optional.empty(), 5));
        assertEquals(Optional.of(edition), store.latestBefore(new EditionId("2026-W48")));
    }

    private static Map<String, AttributeValue> item(String table, String pk, String sk) {
        return dynamoDb.getItem(request -> request
                .tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                .consistentRead(true)).item();
    }
}
