package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.articles.error.StoreException;
import news.articles.newsletter.RecipientDirectory;
import news.articles.newsletter.RecipientDirectory.RecipientPage;
import news.articles.newsletter.RecipientDirectoryContract;
import news.articles.newsletter.Subscribers;
import news.articles.newsletter.Subscribers.State;
import news.articles.store.dynamodb.DynamoDbNewsletterRecipients;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberStore;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The recipient directory on moto, on the Subscribers table and its sparse index ByConfirmed as
 * template.yaml declares them: the contract (the same tests the in-memory fake passes), that the
 * index holds exactly the records carrying {@code confirmedFeed}, that a listing is Queries and
 * nothing else, and that a page spanning several of DynamoDB's own pages is still one page.
 */
@ExtendWith(MotoExtension.class)
class DynamoDbNewsletterRecipientsTest extends RecipientDirectoryContract {

    private static SampleSite site;
    private static MotoServer moto;
    private static DynamoDbSubscriberStore store;
    private static DynamoDbNewsletterRecipients directory;

    @BeforeAll
    static void tables(MotoServer server) throws IOException {
        moto = server;
        site = SampleSite.create(moto);
        store = new DynamoDbSubscriberStore(site.dynamoDb, table());
        directory = new DynamoDbNewsletterRecipients(site.dynamoDb, table());
    }

    @Override
    protected SubscriberStore subscribers() {
        return store;
    }

    @Override
    protected RecipientDirectory directory() {
        return directory;
    }

    @Test
    void theIndexIsSparseItHoldsOnlyTheRecordsThatAreConfirmed() {
        String prefix = "sparse-" + UUID.randomUUID() + "-";
        Subscribers lifecycle = new Subscribers(store);
        State[] states = State.values();
        for (int i = 1; i < states.length; i++) {
            lifecycle.bringTo(prefix + i, EmailAddress.parse("s" + i + "." + prefix.substring(7, 43) + "@example.com"), states[i]);
        }

        List<Map<String, AttributeValue>> indexed = site.dynamoDb.query(request -> request
                .tableName(table())
                .indexName("ByConfirmed")
                .keyConditionExpression("confirmedFeed = :c AND begins_with(pk, :prefix)")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CONFIRMED"),
                        ":prefix", AttributeValue.fromS("SUBSCRIBER#" + prefix)))).items();

        assertEquals(List.of(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + prefix + State.CONFIRMED.ordinal()),
                "confirmedFeed", AttributeValue.fromS("CONFIRMED"))), indexed, "keys only, of the confirmed one only");
    }

    @Test
    void aPageSpanningSeveralOfDynamoDbsOwnPagesIsStillOnePageAndOnlyQueries() {
        String prefix = "span-" + UUID.randomUUID() + "-";
        Subscribers lifecycle = new Subscribers(store);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = prefix + i;
            ids.add(id);
            lifecycle.bringTo(id, EmailAddress.parse("p" + i + "." + prefix.substring(5, 41) + "@example.com"), State.CONFIRMED);
        }
        List<String> operations = new ArrayList<>();
        // DynamoDB ends a page at 1 MB with a LastEvaluatedKey; here every page ends after 2 items.
        DynamoDbClient shortPages = DynamoDbClient.builder()
                .region(MotoClients.REGION)
                .credentialsProvider(MotoClients.settings(moto.endpoint()).credentials())
                .endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest query) {
                            operations.add("Query");
                            return query.toBuilder().limit(Math.min(2, query.limit())).build();
                        }
                        operations.add(context.request().getClass().getSimpleName());
                        return context.request();
                    }
                }))
                .build();

        RecipientPage page = new DynamoDbNewsletterRecipients(shortPages, table()).confirmed(Optional.of(prefix), 5);

        assertEquals(ids.subList(0, 5), page.subscriberIds());
        assertEquals(Optional.of(ids.get(4)), page.next());
        assertEquals(List.of("Query", "Query", "Query"), operations, "2 + 2 + 1, each asking for what is still missing");
    }

    @Test
    void dynamoDbDownIsAStoreFailure() throws IOException {
        try (MotoProxy aws = new MotoProxy(moto.endpoint())) {
            aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbThrottling());
            RecipientDirectory throughProxy = new DynamoDbNewsletterRecipients(MotoClients.dynamoDb(aws.endpoint()), table());

            StoreException failure = assertThrows(StoreException.class, () -> throughProxy.confirmed(Optional.empty(), 10));
            assertTrue(failure.retryable(), "throttling: a later attempt may succeed");
        }
    }

    private static String table() {
        return site.tableNames.get("SubscribersTable");
    }
}
