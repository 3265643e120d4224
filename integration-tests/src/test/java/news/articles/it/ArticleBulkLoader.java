package news.articles.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.articles.article.Article;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Test helper: writes many articles into an empty Articles table with BatchWriteItem, as items
 * built by the store's own mapper, so that a large site loads in seconds. Unlike
 * {@link DynamoDbArticleStore#save} it checks nothing and is not atomic per article: for fresh
 * test tables only.
 */
public final class ArticleBulkLoader {

    /** DynamoDB's limit of items per BatchWriteItem. */
    private static final int BATCH_SIZE = 25;
    private static final int THREADS = 4;
    private static final int MAX_ATTEMPTS = 10;

    private ArticleBulkLoader() {
    }

    /** Writes every article and, for published ones, its tag entries; returns how many items were written. */
    public static int load(DynamoDbClient dynamoDb, String tableName, List<Article> articles) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(tableName, "tableName");
        List<WriteRequest> writes = new ArrayList<>();
        for (Article article : articles) {
            DynamoDbArticleStore.itemsOf(article).forEach(item -> writes.add(put(item)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
                List<WriteRequest> batch = writes.subList(from, Math.min(from + BATCH_SIZE, writes.size()));
                batches.add(pool.submit(() -> writeBatch(dynamoDb, tableName, batch)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading articles", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading articles failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return writes.size();
    }

    private static void writeBatch(DynamoDbClient dynamoDb, String tableName, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException("items still unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(builder -> builder.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
