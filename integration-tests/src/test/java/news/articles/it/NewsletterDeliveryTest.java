package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import news.articles.aws.AwsClients;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.sqs.DeliveryMessages;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.UnsubscribeToken;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The newsletter end to end on moto: subscribers in every state in the template's tables, the
 * weekly function run with Scheduler's input, and NewsletterQueue drained through the sender by
 * {@link NewsletterQueueDriver}, which plays the SQS event source (batch size, concurrency,
 * batchItemFailures left on the queue, the visibility timeout, the redrive). The emails are the
 * ones moto's SES accepted.
 */
@ExtendWith(MotoExtension.class)
class NewsletterDeliveryTest {

    /** A week the sample content has articles for: the edition 2026-W47. */
    private static final String SCHEDULED_RUN = "{\"scheduledTime\":\"2026-11-20T09:00:00Z\",\"executionId\":\"it-1\"}";
    /** Messages per invocation (the template's BatchSize is 5) and the default MaximumConcurrency. */
    private static final int BATCH_SIZE = 2;
    private static final int CONCURRENCY = 2;
    /**
     * Seconds a received message stays invisible: longer than an invocation takes here (100 emails
     * through moto), as the template's 720 s is six times the sender's Timeout, but short enough
     * that redeliveries come back within the test.
     */
    private static final int VISIBILITY_TIMEOUT = 15;
    private static final Instant SEEDED_AT = Instant.parse("2026-10-01T08:00:00Z");

    private SampleSite site;
    private SqsClient sqs;
    private String queueUrl;
    private String deadLetterUrl;
    /** Each seeded address by state. */
    private final Map<SubscriberStatus, List<String>> seeded = new LinkedHashMap<>();
    /** Each seeded subscriber's unsubscribe token (from an earlier email), by address. */
    private final Map<String, UnsubscribeToken> earlierTokens = new HashMap<>();

    @BeforeEach
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
        sqs = AwsClients.sqs(MotoClients.settings(moto.endpoint()));
        // A queue of its own, with a redrive policy and a visibility timeout for the test (SampleSite's has neither).
        String name = "newsletter-delivery-test";
        deadLetterUrl = sqs.createQueue(request -> request.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        queueUrl = sqs.createQueue(request -> request.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"5\"}"))).queueUrl();
    }

    @AfterEach
    void closeClient() {
        sqs.close();
    }

    /**
     * Writes {@code count} subscribers with BatchWriteItem, in the shape the subscription
     * functions leave them (checked below through the store), in a fixed mix: 60 % confirmed,
     * 20 % pending, 12 % unsubscribed, 8 % suppressed.
     */
    private void seed(int count) {
        String table = site.tableNames.get("SubscribersTable");
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int bucket = i % 25;
            SubscriberStatus status = bucket < 15 ? SubscriberStatus.CONFIRMED
                    : bucket < 20 ? SubscriberStatus.PENDING
                    : bucket < 23 ? SubscriberStatus.UNSUBSCRIBED : SubscriberStatus.SUPPRESSED;
            String address = "reader" + i + "@example.com";
            String id = SubscriberId.of(EmailAddress.parse(address), SampleSite.IDENTIFIERS);
            UnsubscribeToken token = new UnsubscribeToken(id, "secret-of-reader-" + i + "-0123456789abcdef");
            earlierTokens.put(address, token);
            seeded.computeIfAbsent(status, s -> new ArrayList<>()).add(address);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS("SUBSCRIBER#" + id));
            item.put("email", AttributeValue.fromS(address));
            item.put("status", AttributeValue.fromS(status.name()));
            item.put("createdAt", AttributeValue.fromS(SEEDED_AT.toString()));
            item.put("updatedAt", AttributeValue.fromS(SEEDED_AT.toString()));
            item.put("unsubscribeTokenHashes", AttributeValue.fromSs(List.of(token.secretHash())));
            switch (status) {
                case CONFIRMED -> {
                    item.put("confirmedAt", AttributeValue.fromS(SEEDED_AT.toString()));
                    item.put("confirmedFeed", AttributeValue.fromS("CONFIRMED"));
                }
                case PENDING -> {
                    item.put("confirmTokenHash", AttributeValue.fromS("hash-" + i));
                    item.put("confirmTokenExpiresAt", AttributeValue.fromS("2099-01-01T00:00:00Z"));
                    item.put("expiresAt", AttributeValue.fromN("4070908800"));
                }
                case UNSUBSCRIBED -> item.put("unsubscribedAt", AttributeValue.fromS(SEEDED_AT.toString()));
                case SUPPRESSED -> {
                    item.put("suppressedAt", AttributeValue.fromS(SEEDED_AT.toString()));
                    item.put("suppressionReason", AttributeValue.fromS("bounce"));
                }
            }
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + 25));
            var unprocessed = site.dynamoDb.batchWriteItem(request -> request.requestItems(Map.of(table, chunk)))
                    .unprocessedItems();
            assertTrue(unprocessed.isEmpty(), "moto left items unprocessed");
        }
        // The fixture is what the subscription functions would have stored: the store reads each state back.
        DynamoDbSubscriberStore store = new DynamoDbSubscriberStore(site.dynamoDb, table);
        seeded.forEach((status, addresses) -> assertEquals(status,
                store.find(SubscriberId.of(EmailAddress.parse(addresses.get(0)), SampleSite.IDENTIFIERS)).orElseThrow().status()));
    }

    private Map<String, String> senderEnvironment(URI awsEndpoint) {
        Map<String, String> variables = new LinkedHashMap<>(site.environment("NewsletterSenderFunction"));
        variables.put("NEWSLETTER_QUEUE_URL", queueUrl);
        variables.put("LOCAL_AWS_ENDPOINT", awsEndpoint.toString());
        // moto, not SES, sets the pace here: the pace itself is the unit tests' (SendPaceTest, NewsletterSenderTest).
        variables.put("MAX_SEND_RATE_PER_SECOND", "10000");
        variables.put("NEWSLETTER_SENDER_CONCURRENCY", Integer.toString(CONCURRENCY));
        return variables;
    }

    private RequestStreamHandler weekly() {
        Map<String, String> variables = new LinkedHashMap<>(site.environment("NewsletterFunction"));
        variables.put("NEWSLETTER_QUEUE_URL", queueUrl);
        return site.handler("NewsletterFunction", variables);
    }

    private NewsletterQueueDriver driver(URI awsEndpoint) {
        Map<String, String> variables = senderEnvironment(awsEndpoint);
        return new NewsletterQueueDriver(sqs, queueUrl, BATCH_SIZE, CONCURRENCY,
                () -> site.handler("NewsletterSenderFunction", variables));
    }

    /** The emails moto's SES accepted, counted by recipient: all of them newsletters, as nobody signed up here. */
    private Map<String, Integer> editionsByRecipient() {
        Map<String, Integer> counts = new TreeMap<>();
        for (SentEmail email : site.moto.sentEmails()) {
            email.to().forEach(to -> counts.merge(to, 1, Integer::sum));
        }
        return counts;
    }

    private int deadLetters() {
        return Integer.parseInt(sqs.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Test
    void tenThousandSubscribersGetOneEmailEachIfConfirmedAndASecondRunSendsNothing() throws Exception {
        long started = System.nanoTime();
        seed(10_000);
        long seededAt = System.nanoTime();

        JsonNode run = SampleSite.invoke(weekly(), SCHEDULED_RUN);
        assertEquals("2026-W47", run.path("edition").asText(), run::toString);
        assertEquals("STARTED", run.path("fanOut").asText(), run::toString);
        // Straight to moto: no batch is handled twice at once here (the visibility timeout outlasts an
        // invocation), so moto's conditional writes need not be made atomic (the fault test below does).
        NewsletterQueueDriver.Drain drain = driver(site.moto.endpoint()).drain(5_000);
        System.out.printf("newsletter to 10,000 subscribers on moto: seeded in %d s, sent in %d s, %s%n",
                (seededAt - started) / 1_000_000_000, (System.nanoTime() - seededAt) / 1_000_000_000, drain);

        Map<String, Integer> received = editionsByRecipient();
        assertEquals(new TreeSet<>(seeded.get(SubscriberStatus.CONFIRMED)), received.keySet(),
                "the confirmed subscribers and nobody else");
        assertEquals(Set.of(1), new TreeSet<>(received.values()), "one email each");
        assertEquals(0, drain.reportedFailures(), drain::toString);
        assertEquals(0, deadLetters());

        JsonNode again = SampleSite.invoke(weekly(), SCHEDULED_RUN);
        assertEquals("ALREADY_STARTED", again.path("fanOut").asText(), again::toString);
        assertTrue(driver(site.moto.endpoint()).queueIsEmpty(), "the second run enqueued nothing");
        assertEquals(received, editionsByRecipient());
    }

    /**
     * SES throttling and failing, DynamoDB failing the sender's claims mid-batch, a reader
     * unsubscribing between the fan-out and the send: once the faults stop, every confirmed
     * subscriber has the edition exactly once, and the one who left has nothing.
     */
    @Test
    void throttlingFailuresMidBatchAndAnUnsubscribeDuringTheSendLeaveNoDuplicateAndNobodyConfirmedOut() throws Exception {
        seed(1_000);
        List<String> confirmed = seeded.get(SubscriberStatus.CONFIRMED);
        String leaving = confirmed.get(confirmed.size() - 1);
        String leavingId = SubscriberId.of(EmailAddress.parse(leaving), SampleSite.IDENTIFIERS);
        DynamoDbSubscriberStore store = new DynamoDbSubscriberStore(site.dynamoDb, site.tableNames.get("SubscribersTable"));
        Set<String> unsubscribed = ConcurrentHashMap.newKeySet();

        try (MotoProxy aws = new MotoProxy(site.moto.endpoint()).oneRequestAtATime()) {
            // Past the SDK's own three attempts, so the sender sees them: throttling, then SES down, then DynamoDB down.
            aws.fail(MotoProxy.anySes(), MotoProxy.sesThrottling(), 12);
            aws.fail(MotoProxy.anySes(), MotoProxy.sesInternalError(), 9);
            aws.fail(MotoProxy.operation("UpdateItem"), MotoProxy.dynamoDbInternalError(), 20);
            SampleSite.invoke(weekly(), SCHEDULED_RUN);
            NewsletterQueueDriver.Drain drain = driver(aws.endpoint()).beforeInvocation(bodies -> {
                for (String body : bodies) {
                    DeliveryWork work = DeliveryMessages.read(body).orElseThrow();
                    // The reader leaves once their batch is on the queue, before it is sent.
                    if (work instanceof DeliveryBatch batch && batch.subscriberIds().contains(leavingId)
                            && unsubscribed.add(leavingId)) {
                        assertTrue(store.unsubscribe(leavingId, earlierTokens.get(leaving).secretHash(), Instant.now()));
                    }
                }
            }).drain(5_000);
            assertTrue(drain.reportedFailures() > 0 || drain.failedInvocations() > 0,
                    () -> "the faults reached the sender: " + drain);
            assertEquals(12 + 9 + 20, aws.faulted().size(), "every fault was met");
        }

        Map<String, Integer> received = editionsByRecipient();
        Set<String> expected = new TreeSet<>(confirmed);
        expected.remove(leaving);
        assertEquals(Set.of(leavingId), unsubscribed, "the unsubscribe happened during the send");
        assertEquals(expected, received.keySet(), "every confirmed subscriber but the one who left, nobody else");
        assertEquals(Set.of(1), new TreeSet<>(received.values()), "one email each");
        assertEquals(0, deadLetters());
        assertFalse(received.containsKey(leaving));
    }
}
