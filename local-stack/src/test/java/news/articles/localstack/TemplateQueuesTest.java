package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.articles.localstack.sqs.LocalQueue;
import news.articles.localstack.sqs.LocalQueues;
import news.articles.localstack.sqs.SqsEventSource;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;

/** The queues and SQS event sources the local stack reads from template.yaml itself. */
class TemplateQueuesTest {

    private static final URI MOTO = URI.create("http://127.0.0.1:5000");
    private static final SamTemplate TEMPLATE = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));

    private record Read(Map<String, LocalQueue> queues, StackDefinition stack) {
    }

    private static Read read(Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(Map.of("SenderAddress", "a@example.com",
                "SiteUrl", "http://127.0.0.1:3000", "AllowedOrigins", LocalStack.DEFAULT_ALLOWED_ORIGINS));
        parameters.putAll(overrides);
        TemplateResolver withoutQueues = TemplateResolver.of(TEMPLATE, parameters, Map.of());
        Map<String, LocalQueue> queues = LocalQueues.plan(TEMPLATE, withoutQueues, MOTO);
        return new Read(queues, new StackDefinition(TEMPLATE, withoutQueues.withQueues(queues)));
    }

    @Test
    void everyQueueOfTheTemplateIsNamedWithItsMotoUrlAndArn() {
        Map<String, LocalQueue> queues = read(Map.of()).queues();
        List<String> declared = TEMPLATE.resources().values().stream()
                .filter(resource -> resource.type().equals(LocalQueues.QUEUE_TYPE)).map(r -> r.logicalId()).toList();
        assertEquals(declared, List.copyOf(queues.keySet()));
        LocalQueue failed = queues.get("SesEventsFailedQueue");
        assertEquals(URI.create("http://127.0.0.1:5000/123456789012/SesEventsFailedQueue"), failed.url());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:SesEventsFailedQueue", failed.arn());
    }

    @Test
    void theSesEventsReplayIsDisabledUnlessItsParameterTurnsItOn() {
        SqsEventSource replay = replay(Map.of());
        assertFalse(replay.enabled(), "ReplayFailedSesEvents defaults to false");
        assertEquals("SesEventsFailedQueue", replay.queue().logicalId());
        assertEquals(10, replay.batchSize());
        assertEquals(Duration.ZERO, replay.batchingWindow());
        assertFalse(replay.reportBatchItemFailures());
        assertEquals(StackDefinition.DEFAULT_SQS_CONCURRENCY, replay.maximumConcurrency());
        assertTrue(replay(Map.of("ReplayFailedSesEvents", "true")).enabled());
    }

    @Test
    void aFunctionVariableThatNamesAQueueGetsItsLocalUrlOrArn() {
        Read read = read(Map.of());
        Map<String, Map<String, String>> resolved = new HashMap<>();
        read.stack().functions(java.util.Optional.empty(), Map.of())
                .forEach(function -> resolved.put(function.logicalId(), function.environment()));
        int checked = 0;
        for (var function : TEMPLATE.functions()) {
            for (var variable : function.environment().entrySet()) {
                var intrinsic = news.articles.tools.template.Intrinsic.of(variable.getValue());
                if (intrinsic.isEmpty()) {
                    continue;
                }
                Object argument = intrinsic.get().argument();
                String target = argument instanceof List<?> parts ? String.valueOf(parts.get(0))
                        : String.valueOf(argument).split("\\.")[0];
                LocalQueue queue = read.queues().get(target);
                if (queue == null) {
                    continue;
                }
                String expected = intrinsic.get().name().equals("Ref") ? queue.url().toString() : queue.arn();
                assertEquals(expected, resolved.get(function.logicalId()).get(variable.getKey()),
                        function.logicalId() + "." + variable.getKey());
                checked++;
            }
        }
        assertTrue(checked > 0, "the template gives some function a queue's URL or ARN");
    }

    @Test
    void whatTheEmulatorCannotHonourFailsAtStartUpWithItsPlace() {
        assertEquals("Fn.Events.Q: the local stack does not emulate the SQS event property FilterCriteria",
                problem("Queue: !GetAtt Q.Arn\n            FilterCriteria: {Filters: [{Pattern: '{}'}]}", "").split(";")[0]);
        assertTrue(problem("Queue: arn:aws:sqs:us-east-1:123456789012:elsewhere", "")
                .startsWith("Fn.Events.Q: the queue arn:aws:sqs:us-east-1:123456789012:elsewhere is none of the"));
        assertTrue(problem("Queue: !GetAtt Q.Arn\n            BatchSize: 100", "")
                .contains("a BatchSize over 10 needs MaximumBatchingWindowInSeconds"));
        assertTrue(problem("Queue: !GetAtt Q.Arn", "\n      ReceiveCountLimit: 3")
                .startsWith("Q.ReceiveCountLimit: the local stack does not know this SQS queue property"));
    }

    /** The message of what fails when the stack reads (and would create) a function with this SQS event and queue. */
    private static String problem(String eventProperties, String queueProperties) {
        SamTemplate template = SamTemplate.parse(String.join("\n",
                "Resources:",
                "  Fn:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: example.Fn::handleRequest",
                "      Events:",
                "        Q:",
                "          Type: SQS",
                "          Properties:",
                "            " + eventProperties,
                "  Q:",
                "    Type: AWS::SQS::Queue",
                "    Properties:",
                "      VisibilityTimeout: 30" + queueProperties,
                ""), "test template");
        TemplateResolver withoutQueues = TemplateResolver.of(template, Map.of(), Map.of());
        Map<String, LocalQueue> queues = LocalQueues.plan(template, withoutQueues, MOTO);
        StackDefinition stack = new StackDefinition(template, withoutQueues.withQueues(queues));
        try {
            stack.sqsEventSources(queues);
            LocalQueues.attributes(template, withoutQueues.withQueues(queues), queues);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("nothing refused");
    }

    private static SqsEventSource replay(Map<String, String> overrides) {
        Read read = read(overrides);
        return read.stack().sqsEventSources(read.queues()).stream()
                .filter(source -> source.functionLogicalId().equals("SesEventsFunction")).findFirst().orElseThrow();
    }
}
