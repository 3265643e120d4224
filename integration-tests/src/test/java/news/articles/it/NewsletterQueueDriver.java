package news.articles.it;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays Lambda's SQS event source mapping against a real queue (moto's): each of
 * {@code concurrency} pollers (MaximumConcurrency) has its own function instance, receives up to
 * {@code batchSize} messages with ReceiveMessage, invokes the handler with the SQS event Lambda
 * would build, and deletes the messages the answer does not name in {@code batchItemFailures}.
 * Those stay, and come back after the queue's visibility timeout; past maxReceiveCount SQS moves
 * them to the dead-letter queue. An invocation that throws leaves all its messages, as Lambda
 * does. Runs until the queue has been empty (visible and in flight) for a moment.
 */
final class NewsletterQueueDriver {

    /** What a drain did. */
    record Drain(int invocations, int messages, int reportedFailures, int failedInvocations) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final int concurrency;
    private final Supplier<RequestStreamHandler> instances;
    /** Called with the received messages' bodies before an invocation: lets a test act between fan-out and send. */
    private volatile Consumer<List<String>> beforeInvocation = bodies -> { };

    NewsletterQueueDriver(SqsClient sqs, String queueUrl, int batchSize, int concurrency,
            Supplier<RequestStreamHandler> instances) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    NewsletterQueueDriver beforeInvocation(Consumer<List<String>> hook) {
        this.beforeInvocation = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** Drains the queue, stopping after {@code maxInvocations} (a test that loops fails rather than hangs). */
    Drain drain(int maxInvocations) throws InterruptedException {
        AtomicInteger invocations = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger failedInvocations = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(pollers.submit(() -> {
                    RequestStreamHandler handler = instances.get();
                    int idleRounds = 0;
                    while (invocations.get() < maxInvocations) {
                        List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                                .maxNumberOfMessages(batchSize).waitTimeSeconds(0)
                                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                                .messages();
                        if (received.isEmpty()) {
                            if (queueIsEmpty() && ++idleRounds >= 3) {
                                return null;
                            }
                            Thread.sleep(200);
                            continue;
                        }
                        idleRounds = 0;
                        invocations.incrementAndGet();
                        messages.addAndGet(received.size());
                        beforeInvocation.accept(received.stream().map(Message::body).toList());
                        Set<String> failed;
                        try {
                            JsonNode answer = SampleSite.invoke(handler, event(received));
                            failed = new HashSet<>();
                            answer.path("batchItemFailures").forEach(item -> failed.add(item.path("itemIdentifier").asText()));
                        } catch (RuntimeException e) {
                            failedInvocations.incrementAndGet();
                            continue;
                        }
                        failures.addAndGet(failed.size());
                        List<DeleteMessageBatchRequestEntry> done = received.stream()
                                .filter(message -> !failed.contains(message.messageId()))
                                .map(message -> DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                                        .receiptHandle(message.receiptHandle()).build())
                                .toList();
                        if (!done.isEmpty()) {
                            sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(done));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> poller : running) {
                poller.get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a poller failed", e.getCause());
        } finally {
            pollers.shutdownNow();
        }
        return new Drain(invocations.get(), messages.get(), failures.get(), failedInvocations.get());
    }

    /** Nothing visible and nothing in flight. */
    boolean queueIsEmpty() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The event Lambda's SQS event source builds for these messages. */
    private String event(List<Message> received) {
        ObjectNode event = SampleSite.JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : received) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount",
                    message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        return event.toString();
    }
}
