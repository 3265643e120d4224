package news.articles.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.ConfirmationEmailCount;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Test helper: writes many subscribers into a Subscribers table with BatchWriteItem, as items built
 * by the store's own mapper ({@link DynamoDbSubscriberStore#itemOf}: {@code confirmedFeed} while
 * confirmed, so the newsletter's index lists them), so that a list of thousands loads in seconds
 * where the lifecycle's writes would take minutes on moto. It checks nothing and overwrites: for
 * test tables only. {@code SubscriberBulkLoaderTest} reads them back through the store.
 */
public final class SubscriberBulkLoader {

    /** DynamoDB's limit of items per BatchWriteItem. */
    private static final int BATCH_SIZE = 25;
    private static final int THREADS = 4;
    private static final int MAX_ATTEMPTS = 10;

    private SubscriberBulkLoader() {
    }

    /**
     * A subscriber as the lifecycle leaves one in {@code status}: signed up at {@code at}
     * (confirmation token hash {@code c-<id>}, unsubscribe link hash {@code u-<id>}), confirmed a
     * minute later (welcome link {@code w-<id>}), then unsubscribed or suppressed a minute after
     * that; a suppressed address keeps its history and loses its confirmation token.
     */
    public static Subscriber inState(String id, EmailAddress email, SubscriberStatus status, Instant at) {
        Objects.requireNonNull(status, "status");
        Consent signUp = new Consent(at, "203.0.113.9", "Bulk/1.0");
        Instant tokenExpiresAt = at.plus(Duration.ofHours(48));
        boolean confirmed = status != SubscriberStatus.PENDING;
        Optional<Consent> confirmation = confirmed
                ? Optional.of(new Consent(at.plusSeconds(60), "2001:db8::1", "Bulk/1.0")) : Optional.empty();
        boolean keepsToken = status == SubscriberStatus.PENDING || status == SubscriberStatus.CONFIRMED;
        return new Subscriber(id, email, status,
                keepsToken ? Optional.of("c-" + id) : Optional.empty(),
                keepsToken ? Optional.of(tokenExpiresAt) : Optional.empty(),
                confirmed ? Set.of("u-" + id, "w-" + id) : Set.of("u-" + id),
                at,
                confirmation.map(Consent::at),
                status == SubscriberStatus.UNSUBSCRIBED ? Optional.of(at.plusSeconds(120)) : Optional.empty(),
                Optional.empty(),
                Optional.of(signUp),
                confirmation,
                Optional.of(ConfirmationEmailCount.first(at)));
    }

    /** Writes every subscriber; returns how many items were written. */
    public static int load(DynamoDbClient dynamoDb, String tableName, List<Subscriber> subscribers) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(tableName, "tableName");
        List<WriteRequest> writes = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(DynamoDbSubscriberStore.itemOf(subscriber)).build()).build());
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
            throw new IllegalStateException("interrupted while loading subscribers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading subscribers failed", e.getCause());
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
}
