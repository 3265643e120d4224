package news.articles.tools.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table} as the template declares it. Properties that this record does not
 * model are kept, as written, in {@code otherProperties}, so that a tool can refuse what it cannot honour.
 */
public record TableDefinition(
        String logicalId,
        Optional<String> tableName,
        List<Attribute> attributeDefinitions,
        List<KeyElement> keySchema,
        List<Index> globalSecondaryIndexes,
        List<Index> localSecondaryIndexes,
        String billingMode,
        Optional<String> timeToLiveAttribute,
        Map<String, Object> otherProperties) {

    /** CloudFormation's default when BillingMode is absent. */
    public static final String DEFAULT_BILLING_MODE = "PROVISIONED";

    public TableDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(tableName, "tableName");
        attributeDefinitions = List.copyOf(Objects.requireNonNull(attributeDefinitions, "attributeDefinitions"));
        keySchema = List.copyOf(Objects.requireNonNull(keySchema, "keySchema"));
        globalSecondaryIndexes = List.copyOf(Objects.requireNonNull(globalSecondaryIndexes, "globalSecondaryIndexes"));
        localSecondaryIndexes = List.copyOf(Objects.requireNonNull(localSecondaryIndexes, "localSecondaryIndexes"));
        Objects.requireNonNull(billingMode, "billingMode");
        Objects.requireNonNull(timeToLiveAttribute, "timeToLiveAttribute");
        otherProperties = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(otherProperties, "otherProperties")));
    }

    public Optional<Index> globalSecondaryIndex(String name) {
        return globalSecondaryIndexes.stream().filter(index -> index.name().equals(name)).findFirst();
    }

    /** An entry of AttributeDefinitions: a key attribute's name and scalar type (S, N or B). */
    public record Attribute(String name, String type) {

        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** An entry of a KeySchema: HASH or RANGE. */
    public record KeyElement(String attributeName, String keyType) {

        public KeyElement {
            Objects.requireNonNull(attributeName, "attributeName");
            Objects.requireNonNull(keyType, "keyType");
        }
    }

    /** A secondary index: its name, key schema and projection. */
    public record Index(String name, List<KeyElement> keySchema, Projection projection) {

        public Index {
            Objects.requireNonNull(name, "name");
            keySchema = List.copyOf(Objects.requireNonNull(keySchema, "keySchema"));
            Objects.requireNonNull(projection, "projection");
        }
    }

    /** What an index copies: KEYS_ONLY, INCLUDE (the keys and {@code nonKeyAttributes}) or ALL. */
    public record Projection(String type, List<String> nonKeyAttributes) {

        public Projection {
            Objects.requireNonNull(type, "type");
            nonKeyAttributes = List.copyOf(Objects.requireNonNull(nonKeyAttributes, "nonKeyAttributes"));
        }
    }
}
