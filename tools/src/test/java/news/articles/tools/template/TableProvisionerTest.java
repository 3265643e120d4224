package news.articles.tools.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Every table of template.yaml, created in moto and described back: what was declared is what exists. */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableProvisionerTest {

    private final SamTemplate template = TestTables.template();
    private final String suffix = TestTables.uniqueName("provisioned");
    private DynamoDbClient dynamoDb;
    private Map<String, String> names;

    @BeforeAll
    void createTables(MotoServer moto) {
        dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        names = TableProvisioner.createTables(dynamoDb, template, logicalId -> logicalId + "-" + suffix);
    }

    @AfterAll
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void createsEveryTableOfTheTemplateUnderTheGivenName() {
        assertEquals(Map.of("ArticlesTable", "ArticlesTable-" + suffix, "SubscribersTable", "SubscribersTable-" + suffix,
                "EditionsTable", "EditionsTable-" + suffix), names);
    }

    @Test
    void eachTableIsActiveAndShapedAsDeclared() {
        for (TableDefinition declared : template.tables()) {
            TableDescription actual = describe(declared);
            String table = declared.logicalId();

            assertEquals(TableStatus.ACTIVE, actual.tableStatus(), table);
            assertEquals(BillingMode.PAY_PER_REQUEST, actual.billingModeSummary().billingMode(), table);
            assertEquals(keySchema(declared.keySchema()), keySchema(actual.keySchema()), table);
            assertEquals(
                    declared.attributeDefinitions().stream().map(a -> a.name() + ":" + a.type()).collect(Collectors.toSet()),
                    actual.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                            .collect(Collectors.toSet()),
                    table);

            Map<String, GlobalSecondaryIndexDescription> indexes = actual.globalSecondaryIndexes().stream()
                    .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, index -> index));
            assertEquals(declared.globalSecondaryIndexes().size(), indexes.size(), table);
            for (TableDefinition.Index index : declared.globalSecondaryIndexes()) {
                GlobalSecondaryIndexDescription created = indexes.get(index.name());
                assertEquals(keySchema(index.keySchema()), keySchema(created.keySchema()), index.name());
                assertEquals(index.projection().type(), created.projection().projectionTypeAsString(), index.name());
                assertEquals(new HashSet<>(index.projection().nonKeyAttributes()),
                        new HashSet<>(created.projection().nonKeyAttributes()), index.name());
            }
        }
    }

    @Test
    void theArticlesIndexesProjectTheSummaryAttributes() {
        TableDescription articles = describe(template.table("ArticlesTable").orElseThrow());
        assertEquals(Set.of("ByPublished", "BySection", "ByTag", "ByTopic"), articles.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet()));
        for (GlobalSecondaryIndexDescription index : articles.globalSecondaryIndexes()) {
            assertTrue(index.projection().nonKeyAttributes().containsAll(List.of("slug", "title", "readingMinutes")),
                    index.indexName() + ": " + index.projection());
        }
    }

    /** The newsletter's recipients: only items that carry confirmedFeed are in the index, with their keys only. */
    @Test
    void theSubscribersIndexByConfirmedIsSparseAndHoldsKeysOnly() {
        String table = names.get("SubscribersTable");
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("SUBSCRIBER#in"), "confirmedFeed", AttributeValue.fromS("CONFIRMED"),
                "status", AttributeValue.fromS("CONFIRMED"))));
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("SUBSCRIBER#out"), "status", AttributeValue.fromS("PENDING"))));

        List<Map<String, AttributeValue>> indexed = dynamoDb.query(request -> request
                .tableName(table)
                .indexName("ByConfirmed")
                .keyConditionExpression("confirmedFeed = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CONFIRMED")))).items();

        assertEquals(List.of(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#in"), "confirmedFeed", AttributeValue.fromS("CONFIRMED"))),
                indexed);
    }

    @Test
    void timeToLiveIsOnWhereTheTemplateTurnsItOn() {
        for (TableDefinition declared : template.tables()) {
            TimeToLiveDescription ttl = dynamoDb.describeTimeToLive(
                    request -> request.tableName(names.get(declared.logicalId()))).timeToLiveDescription();
            if (declared.timeToLiveAttribute().isPresent()) {
                assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus(), declared.logicalId());
                assertEquals(declared.timeToLiveAttribute().get(), ttl.attributeName(), declared.logicalId());
            } else {
                assertEquals(TimeToLiveStatus.DISABLED, ttl.timeToLiveStatus(), declared.logicalId());
            }
        }
        assertEquals(Optional.of("expiresAt"), template.table("SubscribersTable").orElseThrow().timeToLiveAttribute());
    }

    @Test
    void refusesWhatItCannotCreateAsDeclared() {
        TableDefinition articles = template.table("ArticlesTable").orElseThrow();
        TableDefinition withStream = new TableDefinition(articles.logicalId(), articles.tableName(),
                articles.attributeDefinitions(), articles.keySchema(), articles.globalSecondaryIndexes(),
                articles.localSecondaryIndexes(), articles.billingMode(), articles.timeToLiveAttribute(),
                Map.of("StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE")));
        TableDefinition provisioned = new TableDefinition(articles.logicalId(), articles.tableName(),
                articles.attributeDefinitions(), articles.keySchema(), articles.globalSecondaryIndexes(),
                articles.localSecondaryIndexes(), "PROVISIONED", articles.timeToLiveAttribute(), Map.of());

        UnsupportedOperationException stream = assertThrows(UnsupportedOperationException.class,
                () -> TableProvisioner.createTableRequest(withStream, "t"));
        assertTrue(stream.getMessage().contains("StreamSpecification"), stream.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> TableProvisioner.createTableRequest(provisioned, "t"));
    }

    private TableDescription describe(TableDefinition declared) {
        return dynamoDb.describeTable(request -> request.tableName(names.get(declared.logicalId()))).table();
    }

    private static List<String> keySchema(List<?> elements) {
        return elements.stream().map(element -> element instanceof KeySchemaElement sdk
                ? sdk.attributeName() + ":" + sdk.keyTypeAsString()
                : ((TableDefinition.KeyElement) element).attributeName() + ":"
                        + ((TableDefinition.KeyElement) element).keyType()).toList();
    }
}
