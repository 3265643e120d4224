package news.articles.store.dynamodb;

import static news.articles.store.dynamodb.ArticleItems.PUBLISHED_KEY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import news.articles.article.Article;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPage;
import news.articles.article.ListingPosition;
import news.articles.error.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Articles in the DynamoDB table that template.yaml declares as ArticlesTable. */
public final class DynamoDbArticleStore implements ArticleStore {

    /**
     * A transaction holds at most 100 items: the article, its tags and keywords, and the tags and
     * keywords it drops (1 + 2 × 40 + 2 × 8 = 97).
     */
    public static final int MAX_TAGS = 40;
    public static final int MAX_KEYWORDS = 8;

    private static final String BY_PUBLISHED = "ByPublished";
    private static final String BY_SECTION = "BySection";
    private static final String BY_TAG = "ByTag";
    private static final String BY_TOPIC = "ByTopic";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbArticleStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Article> find(String slug) {
        GetItemResponse response = DynamoDbErrors.translate("read an article",
                () -> dynamoDb.getItem(request -> request.tableName(tableName).key(ArticleItems.articleKey(slug))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ArticleItems.toArticle(response.item()))
                : Optional.empty();
    }

    @Override
    public ListingPage<ArticleSummary> list(ArticleQuery query) {
        String partitionAttribute;
        String partitionValue;
        String indexName;
        switch (query.listing()) {
            case ALL -> {
                indexName = BY_PUBLISHED;
                partitionAttribute = ArticleItems.FEED;
                partitionValue = ArticleItems.PUBLISHED_FEED;
            }
            case SECTION -> {
                indexName = BY_SECTION;
                partitionAttribute = ArticleItems.SECTION_KEY;
                partitionValue = query.key();
            }
            case TAG -> {
                indexName = BY_TAG;
                partitionAttribute = ArticleItems.TAG_KEY;
                partitionValue = query.key();
            }
            case TOPIC -> {
                indexName = BY_TOPIC;
                partitionAttribute = ArticleItems.TOPIC_KEY;
                partitionValue = query.key();
            }
            default -> throw new IllegalArgumentException("unknown listing " + query.listing());
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(indexName)
                .keyConditionExpression("#partition = :partition AND #published < :bound")
                .expressionAttributeNames(Map.of("#partition", partitionAttribute, "#published", PUBLISHED_KEY))
                .expressionAttributeValues(Map.of(
                        ":partition", AttributeValue.fromS(partitionValue),
                        ":bound", AttributeValue.fromS(ArticleItems.publishedUpperBound(query.asOf()))))
                .scanIndexForward(!query.newestFirst())
                .limit(query.limit());
        query.after().ifPresent(position -> {
            // DynamoDB refuses a start key outside the key condition (moto does not): never send one.
            if (ArticleItems.publishedKey(position.publishedAt(), position.slug())
                    .compareTo(ArticleItems.publishedUpperBound(query.asOf())) >= 0) {
                throw new IllegalArgumentException("a listing continues only from a position published by its asOf");
            }
            request.exclusiveStartKey(startKey(query.listing(), partitionAttribute, partitionValue, position));
        });

        QueryResponse response = DynamoDbErrors.translate("list articles", () -> dynamoDb.query(request.build()));
        List<ArticleSummary> items = new ArrayList<>(response.count());
        for (Map<String, AttributeValue> item : response.items()) {
            items.add(ArticleItems.toSummary(item));
        }
        Optional<ListingPosition> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(ArticleItems.toPosition(response.lastEvaluatedKey()))
                : Optional.empty();
        return new ListingPage<>(items, next);
    }

    /**
     * The items {@link #save} stores for the article: its own and, while it is published, one per
     * tag and one per keyword that is no tag. For loaders that fill an empty table in bulk, item for item as the store writes them.
     */
    public static List<Map<String, AttributeValue>> itemsOf(Article article) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(ArticleItems.toArticleItem(article));
        if (article.status() == ArticleStatus.PUBLISHED) {
            for (String tag : article.tags()) {
                items.add(ArticleItems.toTagItem(article, tag));
            }
            for (String keyword : keywordEntries(article)) {
                items.add(ArticleItems.toKeywordItem(article, keyword));
            }
        }
        return List.copyOf(items);
    }

    @Override
    public SaveOutcome save(Article article) {
        if (article.tags().size() > MAX_TAGS) {
            throw new IllegalArgumentException("an article has at most " + MAX_TAGS + " tags");
        }
        if (article.keywords().size() > MAX_KEYWORDS) {
            throw new IllegalArgumentException("an article has at most " + MAX_KEYWORDS + " keywords");
        }
        GetItemResponse current = DynamoDbErrors.translate("read an article", () -> dynamoDb.getItem(request -> request
                .tableName(tableName)
                .key(ArticleItems.articleKey(article.slug()))
                .consistentRead(true)));
        Map<String, AttributeValue> stored = current.hasItem() && !current.item().isEmpty() ? current.item() : null;
        String revision = ArticleItems.revision(article);
        if (stored != null && stored.containsKey(ArticleItems.REVISION)
                && revision.equals(stored.get(ArticleItems.REVISION).s())) {
            return SaveOutcome.UNCHANGED;
        }

        List<TransactWriteItem> writes = new ArrayList<>();
        // Guards against a concurrent save: the article must still be as read above.
        Put.Builder articlePut = Put.builder().tableName(tableName).item(ArticleItems.toArticleItem(article));
        if (stored == null) {
            articlePut.conditionExpression("attribute_not_exists(pk)");
        } else if (stored.containsKey(ArticleItems.REVISION)) {
            articlePut.conditionExpression("#revision = :revision")
                    .expressionAttributeNames(Map.of("#revision", ArticleItems.REVISION))
                    .expressionAttributeValues(Map.of(":revision", stored.get(ArticleItems.REVISION)));
        } else {
            articlePut.conditionExpression("attribute_exists(pk) AND attribute_not_exists(#revision)")
                    .expressionAttributeNames(Map.of("#revision", ArticleItems.REVISION));
        }
        writes.add(TransactWriteItem.builder().put(articlePut.build()).build());

        Set<String> listedTags = article.status() == ArticleStatus.PUBLISHED
                ? new LinkedHashSet<>(article.tags())
                : Set.of();
        for (String tag : listedTags) {
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(tableName).item(ArticleItems.toTagItem(article, tag)).build())
                    .build());
        }
        Set<String> listedKeywords = article.status() == ArticleStatus.PUBLISHED ? keywordEntries(article) : Set.of();
        for (String keyword : listedKeywords) {
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(tableName).item(ArticleItems.toKeywordItem(article, keyword)).build())
                    .build());
        }
        if (stored != null) {
            // Re-importing recomputes the keywords: the entries of those the article no longer has go.
            for (String oldKeyword : new LinkedHashSet<>(ArticleItems.storedKeywords(stored))) {
                if (!listedKeywords.contains(oldKeyword)) {
                    writes.add(TransactWriteItem.builder()
                            .delete(Delete.builder().tableName(tableName)
                                    .key(ArticleItems.keywordKey(article.slug(), oldKeyword)).build())
                            .build());
                }
            }
            for (String oldTag : new LinkedHashSet<>(ArticleItems.storedTags(stored))) {
                if (!listedTags.contains(oldTag)) {
                    writes.add(TransactWriteItem.builder()
                            .delete(Delete.builder().tableName(tableName)
                                    .key(ArticleItems.tagKey(article.slug(), oldTag)).build())
                            .build());
                }
            }
        }
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && isConditionFailure(e.cancellationReasons().get(0))) {
                throw new StoreException(
                        "article " + article.slug() + " changed while it was being saved", true, e);
            }
            throw DynamoDbErrors.translate("save an article", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("save an article", e);
        }
        return stored == null ? SaveOutcome.CREATED : SaveOutcome.UPDATED;
    }

    /** The keywords that get an entry of their own: a keyword that is also a tag is found by the tag's. */
    private static Set<String> keywordEntries(Article article) {
        Set<String> keywords = new LinkedHashSet<>(article.keywords());
        keywords.removeAll(article.tags());
        return keywords;
    }

    private static boolean isConditionFailure(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private static Map<String, AttributeValue> startKey(
            ArticleQuery.Listing listing, String partitionAttribute, String partitionValue, ListingPosition position) {
        Map<String, AttributeValue> key = new HashMap<>(listing == ArticleQuery.Listing.TAG
                ? ArticleItems.tagKey(position.slug(), partitionValue)
                : ArticleItems.articleKey(position.slug()));
        key.put(partitionAttribute, AttributeValue.fromS(partitionValue));
        key.put(PUBLISHED_KEY, AttributeValue.fromS(ArticleItems.publishedKey(position.publishedAt(), position.slug())));
        return key;
    }
}
