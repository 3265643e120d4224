package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import news.articles.localstack.gateway.ApiGateway;
import news.articles.localstack.gateway.CorsPolicy;
import news.articles.localstack.gateway.Outbox;
import news.articles.localstack.gateway.Route;
import news.articles.localstack.sqs.LocalQueue;
import news.articles.localstack.sqs.LocalQueues;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /_local/invoke/{Function}} on the gateway, with the sample events the template's
 * triggers give: the function is played by a recording invoker, the rest is the stack's own code.
 */
class LocalInvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEDULER_INPUT =
            "{\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"executionId\":\"<aws.scheduler.execution-id>\"}";
    private static final String TEMPLATE = String.join("\n",
            "Resources:",
            "  Weekly:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Weekly::handleRequest",
            "      Events:",
            "        EveryFriday:",
            "          Type: ScheduleV2",
            "          Properties:",
            "            ScheduleExpression: cron(0 9 ? * FRI *)",
            "            ScheduleExpressionTimezone: UTC",
            "            Input: '" + SCHEDULER_INPUT + "'",
            "  Sender:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Sender::handleRequest",
            "      Events:",
            "        Work: {Type: SQS, Properties: {Queue: !GetAtt WorkQueue.Arn, BatchSize: 10}}",
            "  Page:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Page::handleRequest",
            "      Events:",
            "        Edition: {Type: HttpApi, Properties: {Method: GET, Path: '/newsletter/{editionId}'}}",
            "        Archive: {Type: HttpApi, Properties: {Method: GET, Path: /newsletter}}",
            "  Listener:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Listener::handleRequest",
            "      Events:",
            "        Notes: {Type: SNS, Properties: {Topic: !Ref Topic}}",
            "  Targeted:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Targeted::handleRequest",
            "  Ruled:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Ruled::handleRequest",
            "      Events:",
            "        Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}",
            "  TargetedSchedule:",
            "    Type: AWS::Scheduler::Schedule",
            "    Properties:",
            "      ScheduleExpression: rate(1 day)",
            "      FlexibleTimeWindow: {Mode: 'OFF'}",
            "      Target:",
            "        Arn: !GetAtt Targeted.Arn",
            "        RoleArn: arn:aws:iam::123456789012:role/scheduler",
            "        Input: '{\"at\":\"<aws.scheduler.scheduled-time>\",\"attempt\":\"<aws.scheduler.attempt-number>\"}'",
            "  WorkQueue: {Type: AWS::SQS::Queue}",
            "  Topic: {Type: AWS::SNS::Topic}",
            "");
    private static final List<String> FUNCTIONS = List.of("Weekly", "Sender", "Page", "Listener", "Targeted", "Ruled");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RecordingInvoker invoker = new RecordingInvoker();
    private StackDefinition stack;
    private ApiGateway gateway;

    @BeforeEach
    void start() {
        SamTemplate template = SamTemplate.parse(TEMPLATE, "test template");
        TemplateResolver withoutQueues = TemplateResolver.of(template, Map.of(), Map.of());
        Map<String, LocalQueue> queues = LocalQueues.plan(template, withoutQueues, URI.create("http://127.0.0.1:5000"));
        stack = new StackDefinition(template, withoutQueues.withQueues(queues));
        List<Route> routes = new ArrayList<>();
        stack.routes().forEach(route -> routes.add(new Route(route.method(), route.path(), route.functionLogicalId())));
        gateway = new ApiGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), routes, CorsPolicy.none(),
                null, invoker, Outbox.empty(), line -> { }, Duration.ofSeconds(5), FUNCTIONS,
                new TriggerEvents(stack, stack.sqsEventSources(queues)));
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aScheduledFunctionGetsTheSchedulerInputOfARunAtTheGivenTime() throws IOException {
        invoker.answer(event -> success("{\"edition\":\"2026-W47\"}"));
        HttpResponse<String> response = post("/_local/invoke/Weekly?time=2026-11-20T09:00:00Z", "");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(json("{\"edition\":\"2026-W47\"}"), json(response.body()), "the function's result as it returned it");
        JsonNode event = invoker.only("Weekly");
        assertEquals(List.of("scheduledTime", "executionId"), fieldNames(event));
        assertEquals("2026-11-20T09:00:00Z", event.path("scheduledTime").asText());
        assertTrue(event.path("executionId").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                event::toString);
    }

    @Test
    void withoutTimeTheRunIsNowAndAnOffsetIsReadAsTheInstantItNames() throws IOException {
        Instant before = Instant.now().minusSeconds(1);
        assertEquals(200, post("/_local/invoke/Weekly", "").statusCode());
        Instant scheduled = Instant.parse(invoker.only("Weekly").path("scheduledTime").asText());
        assertFalse(scheduled.isBefore(before) || scheduled.isAfter(Instant.now()), scheduled::toString);

        assertEquals(200, post("/_local/invoke/Weekly?time=2026-11-20T10:30:00%2B01:00", "").statusCode());
        assertEquals("2026-11-20T09:30:00Z", invoker.events("Weekly").get(1).path("scheduledTime").asText());
    }

    @Test
    void aBadTimeIs400AndInvokesNothing() throws IOException {
        for (String time : List.of("friday", "2026-11-20", "2026-13-20T09:00:00Z", "")) {
            HttpResponse<String> response = post("/_local/invoke/Weekly?time=" + time, "");
            assertEquals(400, response.statusCode(), time);
            assertEquals("INVALID_TIME", json(response.body()).path("code").asText());
        }
        assertTrue(invoker.calls.isEmpty());
    }

    @Test
    void anUnknownFunctionIs404WithTheKnownOnes() throws IOException {
        for (String path : List.of("/_local/invoke/NoSuchFunction", "/_local/invoke/", "/_local/invoke")) {
            HttpResponse<String> response = post(path, "");
            assertEquals(404, response.statusCode(), path);
            JsonNode body = json(response.body());
            assertEquals("UNKNOWN_FUNCTION", body.path("code").asText());
            List<String> known = new ArrayList<>();
            body.path("functions").forEach(name -> known.add(name.asText()));
            assertEquals(FUNCTIONS, known);
        }
        assertTrue(invoker.calls.isEmpty());
    }

    @Test
    void aBodyIsTheEventAsItIs() throws IOException {
        String body = "{\"scheduledTime\":\"2026-11-20T09:00:00Z\"}";
        HttpResponse<String> response = post("/_local/invoke/Weekly?time=2020-01-01T00:00:00Z", body);
        assertEquals(200, response.statusCode());
        assertEquals(body, invoker.calls.get(0).event());

        String batch = "{\"Records\":[{\"messageId\":\"1\",\"body\":\"{}\"}]}";
        invoker.answer(event -> success("{\"batchItemFailures\":[]}"));
        HttpResponse<String> sqs = post("/_local/invoke/Sender", batch);
        assertEquals(200, sqs.statusCode());
        assertEquals(batch, invoker.calls.get(1).event());
        assertEquals(json("{\"batchItemFailures\":[]}"), json(sqs.body()));

        HttpResponse<String> notJson = post("/_local/invoke/Weekly", "scheduledTime=now");
        assertEquals(400, notJson.statusCode());
        assertEquals("INVALID_EVENT", json(notJson.body()).path("code").asText());
        assertEquals(2, invoker.calls.size());
    }

    @Test
    void anSqsFunctionWithoutABodyIs400NamingItsQueue() throws IOException {
        HttpResponse<String> response = post("/_local/invoke/Sender", "");
        assertEquals(400, response.statusCode());
        JsonNode body = json(response.body());
        assertEquals("NO_SAMPLE_EVENT", body.path("code").asText());
        assertTrue(body.path("message").asText().contains("WorkQueue"), body::toString);
        HttpResponse<String> sns = post("/_local/invoke/Listener", "");
        assertEquals(400, sns.statusCode());
        assertEquals("NO_SAMPLE_EVENT", json(sns.body()).path("code").asText());
        assertTrue(invoker.calls.isEmpty());
    }

    @Test
    void anHttpFunctionWithoutABodyGetsAGetOfItsFirstRoute() throws IOException {
        assertEquals(200, post("/_local/invoke/Page", "").statusCode());
        JsonNode event = invoker.only("Page");
        assertEquals("2.0", event.path("version").asText());
        assertEquals("GET /newsletter/{editionId}", event.path("routeKey").asText());
        assertEquals("/newsletter/editionId", event.path("rawPath").asText());
        assertEquals("editionId", event.path("pathParameters").path("editionId").asText());
        assertEquals("GET", event.path("requestContext").path("http").path("method").asText());
    }

    @Test
    void otherSchedulesGiveTheirOwnEvents() throws IOException {
        assertEquals(200, post("/_local/invoke/Targeted?time=2026-11-20T09:00:00Z", "").statusCode());
        assertEquals(json("{\"at\":\"2026-11-20T09:00:00Z\",\"attempt\":\"1\"}"), invoker.only("Targeted"));

        assertEquals(200, post("/_local/invoke/Ruled?time=2026-11-20T09:00:00.123Z", "").statusCode());
        JsonNode rule = invoker.only("Ruled");
        assertEquals("Scheduled Event", rule.path("detail-type").asText());
        assertEquals("aws.events", rule.path("source").asText());
        assertEquals("2026-11-20T09:00:00Z", rule.path("time").asText());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/RuledHourly", rule.path("resources").path(0).asText());
        assertTrue(rule.path("detail").isObject() && rule.path("detail").isEmpty());
    }

    @Test
    void aFailedFunctionIs502WithLambdasErrorTypeAndMessage() throws IOException {
        invoker.answer(event -> new FunctionInvoker.Invocation(FunctionInvoker.Outcome.FUNCTION_ERROR, bytes(
                "{\"errorMessage\":\"no scheduledTime\",\"errorType\":\"java.lang.IllegalArgumentException\",\"stackTrace\":[]}")));
        HttpResponse<String> failed = post("/_local/invoke/Weekly", "{}");
        assertEquals(502, failed.statusCode());
        JsonNode body = json(failed.body());
        assertEquals("FUNCTION_ERROR", body.path("code").asText());
        assertEquals("java.lang.IllegalArgumentException", body.path("errorType").asText());
        assertEquals("no scheduledTime", body.path("errorMessage").asText());

        invoker.answer(event -> new FunctionInvoker.Invocation(FunctionInvoker.Outcome.TIMEOUT, bytes(
                "{\"errorMessage\":\"Task timed out after 10.00 seconds\",\"errorType\":\"Sandbox.Timedout\"}")));
        HttpResponse<String> timedOut = post("/_local/invoke/Weekly", "{}");
        assertEquals(502, timedOut.statusCode());
        assertEquals("Sandbox.Timedout", json(timedOut.body()).path("errorType").asText());
    }

    @Test
    void whatTheFunctionReturnsComesBackAsJson() throws IOException {
        invoker.answer(event -> success(""));
        assertEquals("null", post("/_local/invoke/Weekly", "{}").body());
        invoker.answer(event -> success("plain words"));
        assertEquals("\"plain words\"", post("/_local/invoke/Weekly", "{}").body());
    }

    @Test
    void onlyPostInvokes() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.endpoint()
                + "/_local/invoke/Weekly")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("allow").orElseThrow());
        assertTrue(invoker.calls.isEmpty());
    }

    @Test
    void theIndexOfLocalRoutesListsTheInvokeRouteAndTheFunctions() throws IOException, InterruptedException {
        String index = http.send(HttpRequest.newBuilder(URI.create(gateway.endpoint() + "/_local/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(index.contains("POST /_local/invoke/{FunctionLogicalId}"), index);
        FUNCTIONS.forEach(function -> assertTrue(index.contains("<li><code>" + function + "</code></li>"), function));
    }

    @Test
    void theBannerShowsARunOfTheScheduledFunctionForAWeekWithSampleArticles() {
        assertEquals("curl -X POST 'http://127.0.0.1:3000/_local/invoke/Weekly?time=2026-11-20T09:00:00Z'",
                LocalStack.invokeCommand(URI.create("http://127.0.0.1:3000"), stack, FUNCTIONS));
        assertEquals("curl -X POST 'http://127.0.0.1:3000/_local/invoke/Sender'",
                LocalStack.invokeCommand(URI.create("http://127.0.0.1:3000"), stack, List.of("Sender", "Page")),
                "without a scheduled function, the first function with its sample event");
    }

    private HttpResponse<String> post(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gateway.endpoint() + path))
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static FunctionInvoker.Invocation success(String payload) {
        return new FunctionInvoker.Invocation(FunctionInvoker.Outcome.SUCCESS, bytes(payload));
    }

    /** Records what each function was invoked with; answers as the test says. */
    private static final class RecordingInvoker implements FunctionInvoker {
        record Call(String function, String event) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private volatile Function<String, Invocation> answer = event -> success("{}");

        void answer(Function<String, Invocation> answer) {
            this.answer = answer;
        }

        List<JsonNode> events(String function) {
            List<JsonNode> events = new ArrayList<>();
            for (Call call : calls) {
                if (call.function().equals(function)) {
                    try {
                        events.add(JSON.readTree(call.event()));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            return events;
        }

        JsonNode only(String function) {
            List<JsonNode> events = events(function);
            assertEquals(1, events.size(), "invocations of " + function);
            return events.get(0);
        }

        @Override
        public Invocation invoke(String functionLogicalId, byte[] event) {
            String text = new String(event, StandardCharsets.UTF_8);
            calls.add(new Call(functionLogicalId, text));
            return answer.apply(text);
        }

        @Override
        public void close() {
        }
    }
}
