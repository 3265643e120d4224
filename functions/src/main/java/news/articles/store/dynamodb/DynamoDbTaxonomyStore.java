package news.articles.store.dynamodb;

import java.util.Objects;
import java.util.Optional;
import news.articles.article.SiteTaxonomy;
import news.articles.article.TaxonomyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** The site's taxonomy in its one item of the Articles table ({@link TaxonomyItems}). */
public final class DynamoDbTaxonomyStore implements TaxonomyStore {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbTaxonomyStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<SiteTaxonomy> find() {
        GetItemResponse response = DynamoDbErrors.translate("read the sections",
                () -> dynamoDb.getItem(request -> request.tableName(tableName).key(TaxonomyItems.key())));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(TaxonomyItems.toTaxonomy(response.item()))
                : Optional.empty();
    }

    @Override
    public void save(SiteTaxonomy taxonomy) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        DynamoDbErrors.translate("save the sections",
                () -> dynamoDb.putItem(request -> request.tableName(tableName).item(TaxonomyItems.toItem(taxonomy))));
    }
}
