package news.articles.tools.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the tables that template.yaml declares, as it declares them: keys, attribute
 * definitions, indexes with their projections, billing mode and time to live. For moto and for
 * scratch tables; in AWS, CloudFormation creates the real ones.
 */
public final class TableProvisioner {

    /**
     * Table properties that change nothing a test or a local run can observe. Any other property
     * that {@link TableDefinition} does not model (a stream, provisioned throughput) stops the
     * provisioner, rather than leave a table that differs from the deployed one in silence.
     */
    static final Set<String> IGNORED_PROPERTIES = Set.of(
            "PointInTimeRecoverySpecification", "SSESpecification", "Tags", "DeletionProtectionEnabled",
            "ContributorInsightsSpecification", "TableClass");

    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private TableProvisioner() {
    }

    /**
     * Creates every table of the template under the name that {@code tableNameForLogicalId} gives
     * its logical id, waits until each is active, and returns the names by logical id.
     */
    public static Map<String, String> createTables(
            DynamoDbClient dynamoDb, SamTemplate template, Function<String, String> tableNameForLogicalId) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(tableNameForLogicalId, "tableNameForLogicalId");
        Map<String, String> names = new LinkedHashMap<>();
        for (TableDefinition table : template.tables()) {
            String name = Objects.requireNonNull(tableNameForLogicalId.apply(table.logicalId()),
                    () -> "no table name for " + table.logicalId());
            createTable(dynamoDb, table, name);
            names.put(table.logicalId(), name);
        }
        return Collections.unmodifiableMap(names);
    }

    /** Creates one table, waits until it and its indexes are active, then enables its time to live. */
    public static void createTable(DynamoDbClient dynamoDb, TableDefinition table, String tableName) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        try {
            dynamoDb.createTable(createTableRequest(table, tableName));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException e) {
            // The SDK retried a create whose first answer was lost (a busy moto): the table is ours.
            if (e.numAttempts() == null || e.numAttempts() < 2) {
                throw e;
            }
        }
        awaitActive(dynamoDb, tableName);
        // DynamoDB takes no TTL in CreateTable, and only accepts UpdateTimeToLive on an active table.
        table.timeToLiveAttribute().ifPresent(attribute -> dynamoDb.updateTimeToLive(request -> request
                .tableName(tableName)
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true))));
    }

    static CreateTableRequest createTableRequest(TableDefinition table, String tableName) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(tableName, "tableName");
        for (String property : table.otherProperties().keySet()) {
            if (!IGNORED_PROPERTIES.contains(property)) {
                throw new UnsupportedOperationException("TableProvisioner cannot yet create " + table.logicalId()
                        + " as declared: it does not handle the property " + property);
            }
        }
        BillingMode billingMode = BillingMode.fromValue(table.billingMode());
        if (billingMode != BillingMode.PAY_PER_REQUEST) {
            throw new UnsupportedOperationException(table.logicalId() + " has BillingMode " + table.billingMode()
                    + ": TableProvisioner only creates PAY_PER_REQUEST tables (no throughput to copy)");
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (TableDefinition.Attribute attribute : table.attributeDefinitions()) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(attribute.name()).attributeType(attribute.type()).build());
        }
        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (TableDefinition.Index index : table.globalSecondaryIndexes()) {
            globalIndexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.keySchema()))
                    .projection(projection(index.projection()))
                    .build());
        }
        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (TableDefinition.Index index : table.localSecondaryIndexes()) {
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.keySchema()))
                    .projection(projection(index.projection()))
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(table.keySchema()))
                .billingMode(billingMode);
        // An empty list is not the same request as none: DynamoDB rejects empty index lists.
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(List<TableDefinition.KeyElement> elements) {
        List<KeySchemaElement> keySchema = new ArrayList<>();
        for (TableDefinition.KeyElement element : elements) {
            keySchema.add(KeySchemaElement.builder()
                    .attributeName(element.attributeName()).keyType(element.keyType()).build());
        }
        return keySchema;
    }

    private static Projection projection(TableDefinition.Projection projection) {
        Projection.Builder builder = Projection.builder().projectionType(projection.type());
        if (!projection.nonKeyAttributes().isEmpty()) {
            builder.nonKeyAttributes(projection.nonKeyAttributes());
        }
        return builder.build();
    }

    private static void awaitActive(DynamoDbClient dynamoDb, String tableName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            TableDescription table = dynamoDb.describeTable(request -> request.tableName(tableName)).table();
            boolean indexesActive = !table.hasGlobalSecondaryIndexes() || table.globalSecondaryIndexes().stream()
                    .allMatch(index -> index.indexStatus() == IndexStatus.ACTIVE);
            if (table.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " is not active after "
                        + ACTIVE_TIMEOUT.toMinutes() + " minutes");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }
}
