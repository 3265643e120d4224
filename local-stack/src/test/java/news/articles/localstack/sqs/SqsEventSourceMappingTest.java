package news.articles.localstack.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import news.articles.localstack.FunctionInvoker;
import news.articles.localstack.StackDefinition;
import news.articles.localstack.TemplateResolver;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS event source mapping emulator against moto's SQS, with the function played by a
 * recording invoker: batches, partial batch responses, redelivery after the visibility timeout,
 * the dead-letter queue after maxReceiveCount, MaximumConcurrency and disabled mappings. The
 * queues and mappings come from a small template, through the same path bin/local takes.
 */
@ExtendWith(MotoExtension.class)
class SqsEventSourceMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_WAIT = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Work is read in batches of 5 with partial batch responses; Idle's mapping is on only when IdleEnabled is true. */
    private static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Prefix: {Type: String}",
            "  IdleEnabled: {Type: String, Default: 'false'}",
            "  Concurrency: {Type: Number, Default: 2}",
            "Conditions:",
            "  Idling: !Equals [!Ref IdleEnabled, 'true']",
            "Resources:",
            "  Worker:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Worker::handleRequest",
            "      Environment:",
            "        Variables:",
            "          WORK_QUEUE_URL: !Ref WorkQueue",
            "          DEAD_LETTERS_ARN: !GetAtt DeadLetters.Arn",
            "      Events:",
            "        Work:",
            "          Type: SQS",
            "          Properties:",
            "            Queue: !GetAtt WorkQueue.Arn",
            "            BatchSize: 5",
            "            FunctionResponseTypes: [ReportBatchItemFailures]",
            "            ScalingConfig: {MaximumConcurrency: !Ref Concurrency}",
            "        Idle:",
            "          Type: SQS",
            "          Properties:",
            "            Queue: !GetAtt IdleQueue.Arn",
            "            Enabled: !If [Idling, true, false]",
            "  WorkQueue:",
            "    Type: AWS::SQS::Queue",
            "    Properties:",
            "      QueueName: !Sub '${Prefix}-work'",
            "      VisibilityTimeout: 1",
            "      MessageRetentionPeriod: 3600",
            "      SqsManagedSseEnabled: true",
            "      RedrivePolicy:",
            "        deadLetterTargetArn: !GetAtt DeadLetters.Arn",
            "        maxReceiveCount: 2",
            "  DeadLetters:",
            "    Type: AWS::SQS::Queue",
            "    Properties:",
            "      QueueName: !Sub '${Prefix}-dead-letters'",
            "  IdleQueue:",
            "    Type: AWS::SQS::Queue",
            "    Properties:",
            "      QueueName: !Sub '${Prefix}-idle'",
            "  OnlyWhenIdling:",
            "    Type: AWS::SQS::Queue",
            "    Condition: Idling",
            "    Properties:",
            "      QueueName: !Sub '${Prefix}-conditional'",
            "");

    private final MotoServer moto;
    private final SqsClient sqs;
    private final RecordingFunction function = new RecordingFunction();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private EventSourceMappings mappings;

    SqsEventSourceMappingTest(MotoServer moto) {
        this.moto = moto;
        this.sqs = MotoClients.sqs(moto.endpoint(), POLL_WAIT);
    }

    /** The template's queues created under a fresh prefix, their mappings not started yet. */
    private record Stack(Map<String, LocalQueue> queues, List<SqsEventSource> sources, StackDefinition definition) {
        String url(String logicalId) {
            return queues.get(logicalId).url().toString();
        }
    }

    private Stack create(Map<String, String> overrides) {
        SamTemplate template = SamTemplate.parse(TEMPLATE, "test template");
        Map<String, String> parameters = new java.util.HashMap<>(overrides);
        parameters.putIfAbsent("Prefix", "t" + UUID.randomUUID().toString().substring(0, 8));
        TemplateResolver withoutQueues = TemplateResolver.of(template, parameters, Map.of());
        Map<String, LocalQueue> queues = LocalQueues.plan(template, withoutQueues, moto.endpoint());
        TemplateResolver resolver = withoutQueues.withQueues(queues);
        LocalQueues.create(sqs, template, resolver, queues);
        StackDefinition definition = new StackDefinition(template, resolver);
        return new Stack(queues, definition.sqsEventSources(queues), definition);
    }

    private void startMappings(Stack stack) {
        mappings = EventSourceMappings.start(stack.sources(), moto.endpoint(), function, log::add, POLL_WAIT);
    }

    @BeforeEach
    void functionSucceeds() {
        function.answer(records -> success("{\"batchItemFailures\":[]}"));
    }

    @AfterEach
    void stopMappings() {
        if (mappings != null) {
            mappings.close();
        }
        sqs.close();
    }

    @Test
    void theQueuesAreCreatedAsTheTemplateSaysAndTheFunctionsGetTheirUrlsAndArns() {
        Stack stack = create(Map.of());
        Map<QueueAttributeName, String> work = sqs.getQueueAttributes(request -> request.queueUrl(stack.url("WorkQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("1", work.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertEquals("3600", work.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
        String deadLettersArn = sqs.getQueueAttributes(request -> request.queueUrl(stack.url("DeadLetters"))
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        JsonNode redrive = json(work.get(QueueAttributeName.REDRIVE_POLICY));
        assertEquals(deadLettersArn, redrive.path("deadLetterTargetArn").asText());
        assertEquals(2, redrive.path("maxReceiveCount").asInt());

        Map<String, String> environment = stack.definition().functions(Optional.empty(), Map.of()).get(0).environment();
        assertEquals(sqs.getQueueUrl(request -> request.queueName(stack.queues().get("WorkQueue").name())).queueUrl(),
                environment.get("WORK_QUEUE_URL"));
        assertEquals(deadLettersArn, environment.get("DEAD_LETTERS_ARN"));

        assertFalse(stack.queues().containsKey("OnlyWhenIdling"), "a queue whose condition is false is not created");
        assertTrue(create(Map.of("IdleEnabled", "true")).queues().containsKey("OnlyWhenIdling"));
    }

    @Test
    void messagesWaitingReachTheFunctionAsOneBatchInLambdasShapeAndAreDeletedAfterASuccess() {
        Stack stack = create(Map.of());
        for (String body : List.of("first", "second", "third")) {
            sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody(body)
                    .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String")
                            .stringValue("test-" + body).build())));
        }
        startMappings(stack);
        await("the batch is deleted", () -> function.calls.size() == 1 && queueIsEmpty(stack.url("WorkQueue")));

        JsonNode records = function.calls.get(0).path("Records");
        assertEquals(3, records.size(), "one invocation with the three waiting messages");
        List<String> bodies = new ArrayList<>();
        for (JsonNode record : records) {
            bodies.add(record.path("body").asText());
            assertFalse(record.path("messageId").asText().isEmpty());
            assertFalse(record.path("receiptHandle").asText().isEmpty());
            assertEquals("1", record.path("attributes").path("ApproximateReceiveCount").asText());
            assertTrue(record.path("attributes").path("SentTimestamp").asText().matches("\\d{13}"));
            assertTrue(record.path("attributes").has("ApproximateFirstReceiveTimestamp"));
            JsonNode kind = record.path("messageAttributes").path("kind");
            assertEquals("test-" + record.path("body").asText(), kind.path("stringValue").asText());
            assertEquals("String", kind.path("dataType").asText());
            assertTrue(kind.path("stringListValues").isArray() && kind.path("binaryListValues").isArray());
            assertEquals(md5(record.path("body").asText()), record.path("md5OfBody").asText());
            assertEquals("aws:sqs", record.path("eventSource").asText());
            assertEquals(stack.queues().get("WorkQueue").arn(), record.path("eventSourceARN").asText());
            assertEquals("us-east-1", record.path("awsRegion").asText());
        }
        assertEquals(Set.of("first", "second", "third"), Set.copyOf(bodies));
    }

    @Test
    void aMessageTheFunctionReportsFailedComesBackAfterTheVisibilityTimeoutAndTheOthersAreDeleted() {
        Stack stack = create(Map.of());
        for (String body : List.of("fine", "flaky", "also fine")) {
            sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody(body));
        }
        AtomicInteger flakyAttempts = new AtomicInteger();
        function.answer(records -> {
            for (JsonNode record : records.path("Records")) {
                if (record.path("body").asText().equals("flaky") && flakyAttempts.incrementAndGet() == 1) {
                    return success("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                            + record.path("messageId").asText() + "\"}]}");
                }
            }
            return success("{\"batchItemFailures\":[]}");
        });
        startMappings(stack);
        await("flaky is delivered again and everything is deleted",
                () -> function.deliveries("flaky").size() == 2 && queueIsEmpty(stack.url("WorkQueue")));

        assertEquals(1, function.deliveries("fine").size());
        assertEquals(1, function.deliveries("also fine").size());
        List<JsonNode> flaky = function.deliveries("flaky");
        assertEquals("1", flaky.get(0).path("attributes").path("ApproximateReceiveCount").asText());
        assertEquals("2", flaky.get(1).path("attributes").path("ApproximateReceiveCount").asText());
        assertEquals(flaky.get(0).path("messageId").asText(), flaky.get(1).path("messageId").asText());
        assertTrue(dead(stack).isEmpty());
    }

    @Test
    void aBatchWhoseInvocationFailsIsNotDeletedAndAMessageThatAlwaysFailsEndsInTheDeadLetterQueueAfterMaxReceiveCount() {
        Stack stack = create(Map.of());
        sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody("poison"));
        function.answer(records -> new FunctionInvoker.Invocation(FunctionInvoker.Outcome.FUNCTION_ERROR,
                "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"cannot read it\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        startMappings(stack);
        List<Message> dead = new ArrayList<>();
        await("the poison message is in the dead-letter queue", () -> {
            dead.addAll(dead(stack));
            return !dead.isEmpty();
        });

        assertEquals("poison", dead.get(0).body());
        assertEquals(2, function.deliveries("poison").size(), "received maxReceiveCount times, then moved");
        assertTrue(queueIsEmpty(stack.url("WorkQueue")));
        assertTrue(log.stream().anyMatch(line -> line.contains("java.lang.IllegalStateException")
                && line.contains("none deleted")), () -> String.join("\n", log));
        assertTrue(log.stream().noneMatch(line -> line.contains("poison")), "no message body in the log");
    }

    @Test
    void aMalformedPartialBatchResponseFailsTheWholeBatch() {
        Stack stack = create(Map.of());
        sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody("one"));
        AtomicInteger calls = new AtomicInteger();
        function.answer(records -> calls.incrementAndGet() == 1
                ? success("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-the-batch\"}]}")
                : success("{}"));
        startMappings(stack);
        await("the message is delivered again, then deleted",
                () -> function.deliveries("one").size() == 2 && queueIsEmpty(stack.url("WorkQueue")));
    }

    @Test
    void withoutReportBatchItemFailuresASuccessDeletesTheWholeBatchWhateverItReturns() {
        Stack stack = create(Map.of());
        SqsEventSource work = stack.sources().get(0);
        SqsEventSource plain = new SqsEventSource(work.functionLogicalId(), work.eventName(), work.queue(),
                work.batchSize(), work.batchingWindow(), false, 1, true);
        sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody("listed"));
        function.answer(records -> success("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                + records.path("Records").path(0).path("messageId").asText() + "\"}]}"));
        mappings = EventSourceMappings.start(List.of(plain), moto.endpoint(), function, log::add, POLL_WAIT);
        await("the message is deleted", () -> function.calls.size() == 1 && queueIsEmpty(stack.url("WorkQueue")));
    }

    @Test
    void noMoreThanMaximumConcurrencyInvocationsRunAtOnce() {
        Stack stack = create(Map.of("Concurrency", "2"));
        SqsEventSource work = stack.sources().get(0);
        assertEquals(2, work.maximumConcurrency());
        SqsEventSource oneByOne = new SqsEventSource(work.functionLogicalId(), work.eventName(), work.queue(), 1,
                Duration.ZERO, true, work.maximumConcurrency(), true);
        int messages = 6;
        for (int i = 0; i < messages; i++) {
            String body = "m" + i;
            sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody(body));
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        function.answer(records -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return success("{}");
        });
        mappings = EventSourceMappings.start(List.of(oneByOne), moto.endpoint(), function, log::add, POLL_WAIT);
        // Two invocations hold their slots and four messages wait: the poller must be waiting for a
        // slot rather than receiving them (a mapping that let more through would start a third).
        await("two invocations run and the poller waits for a slot, or a third starts",
                () -> running.get() > 2 || running.get() == 2 && pollerWaitsForASlot());
        assertEquals(2, running.get());
        release.countDown();
        await("every message is handled", () -> function.calls.size() == messages && queueIsEmpty(stack.url("WorkQueue")));
        assertEquals(2, most.get(), "two invocations at once, never more");
    }

    private static boolean pollerWaitsForASlot() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("sqs-poller-Worker-Work"))
                .anyMatch(thread -> java.util.Arrays.stream(thread.getValue()).anyMatch(frame ->
                        frame.getClassName().startsWith("java.util.concurrent.Semaphore")
                                && frame.getMethodName().startsWith("acquire")));
    }

    @Test
    void aDisabledMappingPollsNothing() {
        Stack stack = create(Map.of());
        SqsEventSource idle = stack.sources().stream().filter(source -> source.eventName().equals("Idle")).findFirst()
                .orElseThrow();
        assertFalse(idle.enabled(), "Enabled: !If [Idling, true, false] with Idling false");
        assertTrue(create(Map.of("IdleEnabled", "true")).sources().get(1).enabled());

        sqs.sendMessage(request -> request.queueUrl(stack.url("IdleQueue")).messageBody("left alone"));
        sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody("handled"));
        startMappings(stack);
        assertEquals(List.of("Work"), mappings.mappings().stream().map(m -> m.source().eventName()).toList());
        assertTrue(log.stream().anyMatch(line -> line.contains("Worker.Idle (IdleQueue) is disabled")), () -> String.join("\n", log));
        await("the enabled mapping's message is handled", () -> function.deliveries("handled").size() == 1);

        List<Message> idleMessages = sqs.receiveMessage(request -> request.queueUrl(stack.url("IdleQueue"))
                .messageSystemAttributeNamesWithStrings("All")).messages();
        assertEquals(1, idleMessages.size());
        assertEquals("1", idleMessages.get(0).attributesAsStrings().get("ApproximateReceiveCount"),
                "nobody received it before this test did");
        assertTrue(function.deliveries("left alone").isEmpty());
    }

    @Test
    void closingStopsThePollersAndLetsAnInvocationInProgressEnd() {
        Stack stack = create(Map.of());
        sqs.sendMessage(request -> request.queueUrl(stack.url("WorkQueue")).messageBody("slow"));
        java.util.concurrent.CountDownLatch invoked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        function.answer(records -> {
            invoked.countDown();
            try {
                release.await(PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return success("{}");
        });
        startMappings(stack);
        await("the invocation started", () -> invoked.getCount() == 0);
        Thread closing = new Thread(mappings::close, "closing-mappings");
        closing.start();
        await("the poller stopped", () -> sqsThreads().stream().noneMatch(name -> name.startsWith("sqs-poller-")));
        release.countDown();
        await("close returned and every thread of the mappings ended", () -> !closing.isAlive() && sqsThreads().isEmpty());
        mappings = null;
        await("the finished batch was deleted", () -> queueIsEmpty(stack.url("WorkQueue")));
    }

    private static List<String> sqsThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("sqs-poller-Worker") || name.startsWith("sqs-Worker-")).toList();
    }

    @Test
    void thePartialBatchResponseRulesAreLambdas() {
        List<Message> batch = List.of(Message.builder().messageId("a").build(), Message.builder().messageId("b").build());
        assertEquals(Optional.of(Set.of()), SqsEventSourceMapping.batchItemFailures(new byte[0], batch));
        assertEquals(Optional.of(Set.of()), SqsEventSourceMapping.batchItemFailures(bytes("null"), batch));
        assertEquals(Optional.of(Set.of()), SqsEventSourceMapping.batchItemFailures(bytes("{}"), batch));
        assertEquals(Optional.of(Set.of()), SqsEventSourceMapping.batchItemFailures(bytes("{\"batchItemFailures\":null}"), batch));
        assertEquals(Optional.of(Set.of("b")),
                SqsEventSourceMapping.batchItemFailures(bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}"), batch));
        for (String malformed : List.of("not json", "\"text\"", "{\"batchItemFailures\":{}}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
                "{\"batchItemFailures\":[{\"id\":\"a\"}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":\"c\"}]}")) {
            assertEquals(Optional.empty(), SqsEventSourceMapping.batchItemFailures(bytes(malformed), batch), malformed);
        }
    }

    private List<Message> dead(Stack stack) {
        return sqs.receiveMessage(request -> request.queueUrl(stack.url("DeadLetters")).maxNumberOfMessages(10))
                .messages();
    }

    private boolean queueIsEmpty(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("0")
                && attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).equals("0");
    }

    /** Waits for a condition, failing with the log after a generous deadline (not a timing assertion). */
    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what + "; invocations " + function.calls + "; log:\n"
                        + String.join("\n", log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static FunctionInvoker.Invocation success(String payload) {
        return new FunctionInvoker.Invocation(FunctionInvoker.Outcome.SUCCESS, bytes(payload));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(bytes(text));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The function: records each event it gets and answers as the test says. */
    private static final class RecordingFunction implements FunctionInvoker {
        final List<JsonNode> calls = new CopyOnWriteArrayList<>();
        private volatile Function<JsonNode, Invocation> answer;

        void answer(Function<JsonNode, Invocation> answer) {
            this.answer = answer;
        }

        /** Every record of this body the function was given, in order. */
        List<JsonNode> deliveries(String body) {
            List<JsonNode> records = new ArrayList<>();
            for (JsonNode call : calls) {
                for (JsonNode record : call.path("Records")) {
                    if (record.path("body").asText().equals(body)) {
                        records.add(record);
                    }
                }
            }
            return records;
        }

        @Override
        public Invocation invoke(String functionLogicalId, byte[] event) {
            if (!functionLogicalId.equals("Worker")) {
                throw new AssertionError("invoked " + functionLogicalId);
            }
            JsonNode parsed = json(new String(event, StandardCharsets.UTF_8));
            calls.add(parsed);
            return answer.apply(parsed);
        }

        @Override
        public void close() {
        }
    }
}
