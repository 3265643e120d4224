package news.articles.benchmarks.newsletter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import news.articles.aws.AwsClients;
import news.articles.config.Environment;
import news.articles.handler.NewsletterScheduleHandler;
import news.articles.handler.NewsletterSenderHandler;
import news.articles.newsletter.FanOutPage;
import news.articles.newsletter.sqs.DeliveryMessages;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.tools.Cli;
import news.articles.tools.ProjectRoot;
import news.articles.tools.local.LocalAws;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * bin/benchmark-newsletter: the newsletter's local pipeline on moto, in process: N confirmed
 * subscribers, the weekly function's run, then (1) the fan-out alone, every page through the sender
 * handler, timed; (2) the sends, the batches drained through the sender handler by two pollers
 * (the default MaximumConcurrency) without a pace, timed over the first {@code --emails}. Prints the
 * figures with their extrapolation to 1,000,000 subscribers and adds them to benchmarks/results.md.
 */
@Command(name = "bin/benchmark-newsletter", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the newsletter's fan-out and sends through the local pipeline (moto) and adds the figures"
                + " to benchmarks/results.md.")
public final class NewsletterBenchmark implements Callable<Integer> {

    static final String RESULTS = "benchmarks/results.md";
    private static final String SCHEDULED_RUN = "{\"scheduledTime\":\"2026-11-20T09:00:00Z\",\"executionId\":\"benchmark\"}";
    private static final String QUEUE = "newsletter-benchmark";
    private static final int BATCH_SIZE = 5;
    private static final int POLLERS = 2;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "10000", description = "confirmed subscribers (default: ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--emails", paramLabel = "N", defaultValue = "2000",
            description = "emails to time the sends over (default: ${DEFAULT-VALUE}); the rest stay on the queue")
    int emails;

    @Option(names = "--no-results", description = "print the figures without adding them to the results file")
    boolean noResults;

    public static void main(String[] args) {
        System.exit(Cli.execute(new NewsletterBenchmark(), System.out, System.err, List.of(args)));
    }

    @Override
    public Integer call() throws Exception {
        Path root = ProjectRoot.require();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        try (MotoServer moto = MotoServer.start(root.resolve("benchmarks/target/moto"));
                DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint());
                SqsClient sqs = AwsClients.sqs(MotoClients.settings(moto.endpoint()))) {
            Map<String, String> tables = new LinkedHashMap<>();
            for (TableDefinition table : template.tables()) {
                tables.put(table.logicalId(), table.logicalId());
            }
            String sender = "newsletter@example.com";
            LocalAws.prepare(moto.endpoint(), template, tables, Set.of(sender), root.resolve("content"));
            String queueUrl = sqs.createQueue(request -> request.queueName(QUEUE)
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"))).queueUrl();
            Map<String, String> variables = new HashMap<>(MotoClients.functionEnvironment(moto.endpoint()));
            variables.putAll(Map.of("ARTICLES_TABLE", "ArticlesTable", "EDITIONS_TABLE", "EditionsTable",
                    "SUBSCRIBERS_TABLE", "SubscribersTable", "NEWSLETTER_QUEUE_URL", queueUrl, "SENDER_ADDRESS", sender,
                    "SITE_URL", "http://127.0.0.1:3000", "SITE_NAME", "The Newsroom",
                    "MAX_SEND_RATE_PER_SECOND", "100000", "NEWSLETTER_SENDER_CONCURRENCY", Integer.toString(POLLERS)));
            Environment environment = new Environment(variables);

            System.out.printf("== seeding %,d confirmed subscribers%n", subscribers);
            seed(dynamoDb, subscribers);
            invoke(new NewsletterScheduleHandler(environment), SCHEDULED_RUN);

            System.out.println("== fan-out: every page, alone");
            NewsletterSenderHandler pages = new NewsletterSenderHandler(environment);
            List<String> held = new ArrayList<>();
            int pageCount = 0;
            int pageRetries = 0;
            long fanOutStart = System.nanoTime();
            boolean done = false;
            while (!done) {
                List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10))
                        .messages();
                if (received.isEmpty()) {
                    done = true;
                    continue;
                }
                List<Message> pageMessages = new ArrayList<>();
                for (Message message : received) {
                    if (DeliveryMessages.read(message.body()).orElseThrow() instanceof FanOutPage) {
                        pageMessages.add(message);
                    } else {
                        held.add(message.body());
                    }
                }
                List<Message> handled = new ArrayList<>(received);
                if (!pageMessages.isEmpty()) {
                    String answer = invoke(pages, event(pageMessages));
                    for (Message page : pageMessages) {
                        if (answer.contains("\"" + page.messageId() + "\"")) {
                            // Reported failed (a call timed out on a busy moto): back on the queue at once, as a
                            // redelivery would bring it after the visibility timeout.
                            handled.remove(page);
                            pageRetries++;
                            sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                                    .receiptHandle(page.receiptHandle()).visibilityTimeout(0));
                        } else {
                            pageCount++;
                        }
                    }
                }
                if (!handled.isEmpty()) {
                    delete(sqs, queueUrl, handled);
                }
            }
            double fanOutSeconds = (System.nanoTime() - fanOutStart) / 1e9;
            System.out.printf(Locale.ROOT, "   %d pages (%d retried), %d batches in %.1f s%n", pageCount, pageRetries,
                    held.size(), fanOutSeconds);
            if (held.size() != (subscribers + 49) / 50) {
                throw new IllegalStateException("the fan-out enqueued " + held.size() + " batches for " + subscribers);
            }
            for (int from = 0; from < held.size(); from += 10) {
                List<String> chunk = held.subList(from, Math.min(held.size(), from + 10));
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(chunk.get(i)).build());
                }
                sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            }

            int target = Math.min(emails, subscribers);
            System.out.printf("== sends: the first %,d emails through %d senders%n", target, POLLERS);
            AtomicInteger sent = new AtomicInteger();
            long sendStart = System.nanoTime();
            ExecutorService pollers = Executors.newFixedThreadPool(POLLERS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < POLLERS; i++) {
                running.add(pollers.submit(() -> {
                    NewsletterSenderHandler handler = new NewsletterSenderHandler(environment);
                    while (sent.get() < target) {
                        List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                                .maxNumberOfMessages(BATCH_SIZE)).messages();
                        if (received.isEmpty()) {
                            return null;
                        }
                        String answer = invoke(handler, event(received));
                        if (!answer.contains("\"batchItemFailures\":[]")) {
                            throw new IllegalStateException("the sender reported failures: " + answer);
                        }
                        sent.addAndGet(received.stream().mapToInt(message -> recipients(message.body())).sum());
                        delete(sqs, queueUrl, received);
                    }
                    return null;
                }));
            }
            for (Future<?> poller : running) {
                poller.get();
            }
            pollers.shutdown();
            double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
            int mailed = moto.sentEmails().size();
            double perSecond = mailed / sendSeconds;
            System.out.printf(Locale.ROOT, "   %,d emails in %.1f s: %.1f a second%n", mailed, sendSeconds, perSecond);

            String section = results(started, pageCount, pageRetries, held.size(), fanOutSeconds, mailed, sendSeconds);
            System.out.println(section);
            if (!noResults) {
                // First among the runs, as bin/benchmark writes its own.
                news.articles.benchmarks.Main.writeResults(root.resolve(RESULTS), section);
            }
        }
        return 0;
    }

    private String results(ZonedDateTime started, int pages, int pageRetries, int batches, double fanOutSeconds,
            int mailed, double sendSeconds) {
        double perTenThousand = fanOutSeconds * 10_000 / subscribers;
        double perSecond = mailed / sendSeconds;
        return String.format(Locale.ROOT, """
                ## %s: newsletter delivery through the local pipeline (`bin/benchmark-newsletter --subscribers %d --emails %d`)

                Machine: %s, %d cores, Java %s; load average %s. moto %s on loopback; the handlers in process (no Lambda JVMs).

                | what | measured | per 10,000 subscribers | extrapolated to 1,000,000 |
                |---|---|---|---|
                | fan-out (%d pages of 1,000: Query, 2 SendMessageBatch, UpdateItem, next page; %d retried) | %.1f s for %,d subscribers (%d batches) | %.1f s | %.0f s (%.1f min) |
                | sends (claim + SES per recipient, 2 senders, no pace) | %,d emails in %.1f s: %.1f emails/s | %.0f s | %.1f h |
                """,
                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), subscribers, emails,
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadAverage(), "5.2.1",
                pages, pageRetries, fanOutSeconds, subscribers, batches, perTenThousand, perTenThousand * 100, perTenThousand * 100 / 60,
                mailed, sendSeconds, perSecond, 10_000 / perSecond, 1_000_000 / perSecond / 3600);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int recipients(String body) {
        return DeliveryMessages.read(body).map(work -> work instanceof news.articles.newsletter.DeliveryBatch batch
                ? batch.subscriberIds().size() : 0).orElse(0);
    }

    /** The seeded subscribers' ids only need to be distinct: any key will do. */
    private static final news.articles.keyed.KeyedHash IDS =
            news.articles.keyed.KeyedHash.withKey("newsletter-benchmark-identifier-key-0123456789");

    private static void seed(DynamoDbClient dynamoDb, int count) {
        String now = Instant.now().toString();
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = "bench" + i + "@example.com";
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS("SUBSCRIBER#" + SubscriberId.of(EmailAddress.parse(address), IDS)));
            item.put("email", AttributeValue.fromS(address));
            item.put("status", AttributeValue.fromS("CONFIRMED"));
            item.put("confirmedFeed", AttributeValue.fromS("CONFIRMED"));
            item.put("createdAt", AttributeValue.fromS(now));
            item.put("updatedAt", AttributeValue.fromS(now));
            item.put("confirmedAt", AttributeValue.fromS(now));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + 25));
            dynamoDb.batchWriteItem(request -> request.requestItems(Map.of("SubscribersTable", chunk)));
        }
    }

    private static void delete(SqsClient sqs, String queueUrl, List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> entries = messages.stream().map(message -> DeleteMessageBatchRequestEntry
                .builder().id(message.messageId()).receiptHandle(message.receiptHandle()).build()).toList();
        sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
    }

    private static String event(List<Message> messages) {
        StringBuilder records = new StringBuilder();
        for (Message message : messages) {
            if (records.length() > 0) {
                records.append(',');
            }
            records.append(news.articles.json.Json.write(json -> {
                json.writeStartObject();
                json.writeStringField("messageId", message.messageId());
                json.writeStringField("receiptHandle", message.receiptHandle());
                json.writeStringField("body", message.body());
                json.writeStringField("eventSource", "aws:sqs");
                json.writeEndObject();
            }));
        }
        return "{\"Records\":[" + records + "]}";
    }

    private static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
