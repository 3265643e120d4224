package news.articles.localstack.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import news.articles.localstack.FunctionInvoker;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What Lambda's event source mapping does for one function's {@code SQS} event, against moto: a
 * poller long-polls the queue (ReceiveMessage, up to 10 messages a call, gathering up to the
 * event's {@code BatchSize} within its {@code MaximumBatchingWindowInSeconds}), invokes the
 * function with the batch as Lambda's SQS event (at most {@code MaximumConcurrency} invocations at
 * once: the poller waits for a free slot before it receives more), and then:
 *
 * <ul>
 *   <li>the function returned: deletes the batch; with {@code ReportBatchItemFailures}, all but the
 *       messages its {@code batchItemFailures} lists, and none when that response is malformed (an
 *       item without an {@code itemIdentifier}, or one not in the batch), as Lambda does;</li>
 *   <li>the function failed (threw, timed out, failed its init): deletes none.</li>
 * </ul>
 *
 * <p>A message not deleted becomes visible again after the queue's visibility timeout and is
 * received again; once received {@code maxReceiveCount} times, moto's redrive policy moves it to
 * the dead-letter queue on the next receive, as SQS does. Log lines name the mapping, batch sizes
 * and outcomes, never a message's body.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    /**
     * Lambda long-polls for 20 s; 2 s here, so that closing the stack waits at most that long for a
     * poll in progress, and a message sent to an idle queue is still picked up at once.
     */
    public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(2);
    private static final int RECEIVE_LIMIT = 10;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsEventSource source;
    private final SqsClient sqs;
    private final FunctionInvoker invoker;
    private final Consumer<String> log;
    private final Duration pollWait;
    private final Semaphore slots;
    private final ExecutorService invocations;
    private final Thread poller;
    private final AtomicInteger batches = new AtomicInteger();
    private volatile boolean running;

    /**
     * @param pollWait how long one ReceiveMessage waits for messages (whole seconds, 1 to 20)
     * @param log takes one line per batch and per problem
     */
    public SqsEventSourceMapping(SqsEventSource source, SqsClient sqs, FunctionInvoker invoker, Consumer<String> log,
            Duration pollWait) {
        this.source = Objects.requireNonNull(source, "source");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.log = Objects.requireNonNull(log, "log");
        this.pollWait = Objects.requireNonNull(pollWait, "pollWait");
        if (pollWait.toSeconds() < 1 || pollWait.toSeconds() > 20) {
            throw new IllegalArgumentException("pollWait " + pollWait + " is not within 1 to 20 s");
        }
        if (!source.enabled()) {
            throw new IllegalArgumentException(source.describe() + " is disabled: it polls nothing");
        }
        this.slots = new Semaphore(source.maximumConcurrency());
        AtomicInteger counter = new AtomicInteger();
        this.invocations = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sqs-" + source.functionLogicalId() + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.poller = new Thread(this::poll, "sqs-poller-" + source.functionLogicalId() + "-" + source.eventName());
        this.poller.setDaemon(true);
    }

    public SqsEventSource source() {
        return source;
    }

    /** How many batches the function has been invoked with so far. */
    public int batches() {
        return batches.get();
    }

    public synchronized void start() {
        if (running || poller.getState() != Thread.State.NEW) {
            throw new IllegalStateException(source.describe() + " is already started");
        }
        running = true;
        poller.start();
    }

    /** Asks the poller to stop after its current receive, without waiting: {@link #close()} waits. */
    public void stop() {
        running = false;
        poller.interrupt();
    }

    /**
     * Stops polling, lets invocations in progress end (for a few seconds: their messages, not
     * deleted, come back after the visibility timeout), and joins every thread.
     */
    @Override
    public void close() {
        stop();
        try {
            poller.join(pollWait.plusSeconds(10).toMillis());
            invocations.shutdown();
            if (!invocations.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                invocations.shutdownNow();
                invocations.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            invocations.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        while (running) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            boolean handedOver = false;
            try {
                List<Message> batch = receive();
                if (!batch.isEmpty() && running) {
                    invocations.execute(() -> {
                        try {
                            process(batch);
                        } finally {
                            slots.release();
                        }
                    });
                    handedOver = true;
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.accept("[" + source.describe() + "] could not receive from the queue: " + e.getClass().getSimpleName()
                            + "; trying again");
                    pause();
                }
            } finally {
                if (!handedOver) {
                    slots.release();
                }
            }
        }
    }

    /** Up to BatchSize messages: one receive, then more while the batching window lasts. */
    private List<Message> receive() {
        List<Message> batch = new ArrayList<>();
        long windowEnd = System.nanoTime() + source.batchingWindow().toNanos();
        do {
            long windowLeft = windowEnd - System.nanoTime();
            int waitSeconds = batch.isEmpty() ? (int) pollWait.toSeconds()
                    : (int) Math.min(pollWait.toSeconds(), TimeUnit.NANOSECONDS.toSeconds(windowLeft));
            int wanted = Math.min(RECEIVE_LIMIT, source.batchSize() - batch.size());
            batch.addAll(sqs.receiveMessage(request -> request.queueUrl(source.queue().url().toString())
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNamesWithStrings("All")
                    .messageAttributeNames("All")).messages());
        } while (!batch.isEmpty() && batch.size() < source.batchSize() && System.nanoTime() < windowEnd && running);
        return batch;
    }

    private void process(List<Message> batch) {
        batches.incrementAndGet();
        FunctionInvoker.Invocation invocation;
        try {
            invocation = invoker.invoke(source.functionLogicalId(), SqsEvent.of(batch, source.queue().arn()));
        } catch (RuntimeException e) {
            log.accept("[" + source.describe() + "] batch of " + batch.size() + " not delivered (" + e.getClass().getSimpleName()
                    + "): the messages come back after the visibility timeout");
            return;
        }
        if (invocation.outcome() != FunctionInvoker.Outcome.SUCCESS) {
            log.accept("[" + source.describe() + "] batch of " + batch.size() + " failed (" + errorType(invocation.payload())
                    + "): none deleted, the messages come back after the visibility timeout");
            return;
        }
        List<Message> done;
        if (source.reportBatchItemFailures()) {
            Optional<Set<String>> failed = batchItemFailures(invocation.payload(), batch);
            if (failed.isEmpty()) {
                log.accept("[" + source.describe() + "] batch of " + batch.size() + ": the function's batchItemFailures"
                        + " is malformed, so the whole batch counts as failed, as in Lambda");
                return;
            }
            done = batch.stream().filter(message -> !failed.get().contains(message.messageId())).toList();
            if (!failed.get().isEmpty()) {
                log.accept("[" + source.describe() + "] batch of " + batch.size() + ": " + failed.get().size()
                        + " reported failed, kept for redelivery");
            }
        } else {
            done = batch;
        }
        delete(done);
    }

    /**
     * The ids the response lists as failed; empty (the whole batch failed) when the response is
     * malformed. No response, an empty object or an empty list: none failed.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Lambda's rules for partial batch responses</a>
     */
    static Optional<Set<String>> batchItemFailures(byte[] payload, List<Message> batch) {
        if (payload.length == 0) {
            return Optional.of(Set.of());
        }
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (response == null || response.isNull()) {
            return Optional.of(Set.of());
        }
        if (!response.isObject()) {
            return Optional.empty();
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Optional.of(Set.of());
        }
        if (!failures.isArray()) {
            return Optional.empty();
        }
        Set<String> inBatch = new HashSet<>();
        batch.forEach(message -> inBatch.add(message.messageId()));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !inBatch.contains(id.asText())) {
                return Optional.empty();
            }
            failed.add(id.asText());
        }
        return Optional.of(failed);
    }

    private void delete(List<Message> messages) {
        for (int start = 0; start < messages.size(); start += RECEIVE_LIMIT) {
            List<Message> chunk = messages.subList(start, Math.min(messages.size(), start + RECEIVE_LIMIT));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(request -> request
                        .queueUrl(source.queue().url().toString()).entries(entries));
                if (response.hasFailed() && !response.failed().isEmpty()) {
                    log.accept("[" + source.describe() + "] " + response.failed().size() + " message(s) not deleted ("
                            + response.failed().get(0).code() + "): they will be delivered again");
                }
            } catch (RuntimeException e) {
                log.accept("[" + source.describe() + "] could not delete " + chunk.size() + " message(s) ("
                        + e.getClass().getSimpleName() + "): they will be delivered again");
            }
        }
    }

    private static String errorType(byte[] payload) {
        try {
            JsonNode error = JSON.readTree(payload);
            return error != null && error.hasNonNull("errorType") ? error.get("errorType").asText() : "function error";
        } catch (IOException e) {
            return "function error";
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
