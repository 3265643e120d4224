package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import news.articles.aws.AwsClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each function with DynamoDB failing the ways it fails: stopped, slow, throttling, erroring,
 * dropping connections. The functions reach moto through {@link MotoProxy}, which injects the
 * faults on the wire, so the SDK's own retry policy and timeouts are what is tested. Every
 * failure is a 503 with Retry-After and a stable code, well inside the function's timeout; a
 * fault the SDK's retries absorb is not seen at all; a write whose answer is lost is neither
 * lost nor done twice.
 */
@ExtendWith(MotoExtension.class)
class FaultsTest {

    /** A request each HTTP function answers after reading DynamoDB, and its answer when DynamoDB works. */
    record Request(String function, String eventFile, int healthyStatus) {
        @Override
        public String toString() {
            return function;
        }
    }

    static final List<Request> REQUESTS = List.of(
            new Request("GetArticleFunction", "get-article.json", 200),
            new Request("ListArticlesFunction", "list-articles.json", 200),
            new Request("ListArticlesFunction", "list-sections.json", 200),
            new Request("ListRecommendationsFunction", "list-recommendations.json", 200),
            new Request("SubscribeFunction", "subscribe.json", 202),
            new Request("ConfirmSubscriptionFunction", "confirm-unknown-token.json", 400),
            new Request("UnsubscribeFunction", "unsubscribe-one-click-unknown-token.json", 400),
            new Request("NewsletterPageFunction", "newsletter-edition-not-found.json", 404));

    enum Kind { STOPPED, SLOW, THROTTLING, INTERNAL_ERROR, DROPPED_CONNECTION }

    static Stream<Arguments> everyFunctionAndFault() {
        return REQUESTS.stream().flatMap(request -> Stream.of(Kind.values()).map(kind -> Arguments.of(request, kind)));
    }

    private SampleSite site;

    @BeforeEach
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
    }

    @ParameterizedTest(name = "{0} with DynamoDB {1}")
    @MethodSource("everyFunctionAndFault")
    void aDynamoDbFailureIsA503WithRetryAfterWellInsideTheFunctionsTimeout(Request request, Kind kind) throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            URI endpoint = aws.endpoint();
            switch (kind) {
                case STOPPED -> endpoint = URI.create("http://127.0.0.1:" + FreePort.closed());
                // Longer than an attempt may take: each attempt times out, and so does the call.
                case SLOW -> aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.slow(AwsClients.API_CALL_ATTEMPT_TIMEOUT.plusSeconds(1)));
                case THROTTLING -> aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbThrottling());
                case INTERNAL_ERROR -> aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbInternalError());
                case DROPPED_CONNECTION -> aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.drop());
            }
            RequestStreamHandler handler = site.handler(request.function(), endpoint);

            long started = System.nanoTime();
            JsonNode response = SampleSite.invoke(handler, event(request));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(503, response.path("statusCode").asInt(), response::toString);
            assertTrue(response.path("headers").path("retry-after").asInt() > 0, response::toString);
            JsonNode body = SampleSite.JSON.readTree(response.path("body").asText());
            assertEquals("STORE_UNAVAILABLE", body.path("code").asText());
            assertFalse(response.path("body").asText().contains("Exception"), "no exception text reaches the caller");
            assertTrue(took.compareTo(functionTimeout()) < 0,
                    () -> "the answer took " + took.toMillis() + " ms: Lambda would have cut the function off");
            if (kind == Kind.THROTTLING || kind == Kind.INTERNAL_ERROR) {
                assertEquals(3, aws.faulted().size(), "the SDK's standard retry policy: three attempts, then the 503");
            }
            assertTrue(site.moto.sentEmails().isEmpty(), "no email while the sign-up could not be stored");
        }
    }

    /**
     * The recommendations' candidate queries run at the same time, after the article's GetItem:
     * every Query failing (the GetItem answered) is the same 503 as DynamoDB down, once each
     * query's attempts are spent.
     */
    @Test
    void failingCandidateQueriesAreA503Too() throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.operation("Query"), MotoProxy.dynamoDbInternalError());
            RequestStreamHandler handler = site.handler("ListRecommendationsFunction", aws.endpoint());

            JsonNode response = SampleSite.invoke(handler, event(REQUESTS.stream()
                    .filter(request -> request.function().equals("ListRecommendationsFunction")).findFirst().orElseThrow()));

            assertEquals(503, response.path("statusCode").asInt(), response::toString);
            assertTrue(response.path("headers").path("retry-after").asInt() > 0, response::toString);
            assertEquals("STORE_UNAVAILABLE", SampleSite.JSON.readTree(response.path("body").asText()).path("code").asText());
            assertTrue(aws.faulted().size() >= 3, "at least one query's three attempts failed: " + aws.faulted().size());
        }
    }

    /**
     * SES refusing a sign-up's email (throttling, its own errors): a 503 with Retry-After, the
     * pending record kept and no email counted against the address's limits, so the reader's
     * retry, once SES is back, mails the link.
     */
    @ParameterizedTest(name = "SES {0}")
    @EnumSource(value = Kind.class, names = {"THROTTLING", "INTERNAL_ERROR"})
    void anSesRefusalDuringASignUpIsA503AndTheRetryMailsTheLink(Kind kind) throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.anySes(), kind == Kind.THROTTLING ? MotoProxy.sesThrottling() : MotoProxy.sesInternalError());
            RequestStreamHandler subscribe = site.handler("SubscribeFunction", aws.endpoint());

            assertMailUnavailable(SampleSite.invoke(subscribe, ApiEvents.subscribe("ses.down@example.org")));
            Map<String, AttributeValue> kept = site.subscriber("ses.down@example.org");
            assertEquals("PENDING", kept.get("status").s());
            assertFalse(kept.containsKey("emailsToday"), "the refused email is not counted");

            aws.heal();
            assertEquals(202, SampleSite.invoke(subscribe, ApiEvents.subscribe("ses.down@example.org")).path("statusCode").asInt());
        }
        List<SentEmail> emails = site.emailsTo("ses.down@example.org");
        assertEquals(1, emails.size());
        assertEquals(200, confirmTheLinkIn(emails.get(0)).path("statusCode").asInt());
    }

    /**
     * SES so slow that the SDK gives up, though the email does go out in the end: one attempt
     * only (a resend would duplicate the email), a 503, and the sign-up's token and email count
     * kept, so the reader's retry inside the cooldown neither mails again nor retires the link
     * that arrived, which confirms.
     */
    @Test
    void anSesTimeoutDuringASignUpIsA503ThatNeitherDuplicatesNorRetiresTheLateEmail() throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.anySes(), MotoProxy.slow(AwsClients.API_CALL_TIMEOUT.plusSeconds(1)));
            RequestStreamHandler subscribe = site.handler("SubscribeFunction", aws.endpoint());

            assertMailUnavailable(SampleSite.invoke(subscribe, ApiEvents.subscribe("ses.slow@example.org")));
            assertEquals(1, aws.faulted().size(), "a send that timed out is not repeated");
            aws.heal();
            awaitEmailsTo("ses.slow@example.org", 1);

            JsonNode retry = SampleSite.invoke(subscribe, ApiEvents.subscribe("ses.slow@example.org"));
            assertEquals(202, retry.path("statusCode").asInt(), retry::toString);
        }
        List<SentEmail> emails = site.emailsTo("ses.slow@example.org");
        assertEquals(1, emails.size(), "the late email only");
        assertEquals(200, confirmTheLinkIn(emails.get(0)).path("statusCode").asInt(), "and its link works");
    }

    private static void assertMailUnavailable(JsonNode response) throws Exception {
        assertEquals(503, response.path("statusCode").asInt(), response::toString);
        assertTrue(response.path("headers").path("retry-after").asInt() > 0, response::toString);
        assertEquals("MAIL_UNAVAILABLE", SampleSite.JSON.readTree(response.path("body").asText()).path("code").asText());
    }

    private void awaitEmailsTo(String address, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (site.emailsTo(address).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(count, site.emailsTo(address).size());
    }

    /**
     * The SDK gives up on a call, retries included, well before Lambda would cut the function off,
     * so a dependency that hangs becomes the 503 above rather than a gateway timeout; and every
     * route's integration timeout outlasts the function's.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theSdkTimeoutsEndEveryCallWellInsideTheFunctionAndRouteTimeouts() {
        Duration function = functionTimeout();
        assertTrue(AwsClients.API_CALL_ATTEMPT_TIMEOUT.compareTo(AwsClients.API_CALL_TIMEOUT) < 0);
        assertTrue(AwsClients.API_CALL_TIMEOUT.multipliedBy(3).dividedBy(2).compareTo(function) <= 0,
                () -> "an AWS call may take " + AwsClients.API_CALL_TIMEOUT + " of the function's " + function
                        + ": too little room left to answer");
        site.template.functions().forEach(definition -> {
            Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) site.template.document()
                    .get("Resources")).get(definition.logicalId());
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            Map<String, Object> events = (Map<String, Object>) properties.getOrDefault("Events", Map.of());
            events.values().stream().map(event -> (Map<String, Object>) event)
                    .filter(event -> "HttpApi".equals(event.get("Type")))
                    .forEach(event -> {
                        Object millis = ((Map<String, Object>) event.get("Properties")).get("TimeoutInMillis");
                        assertTrue(millis instanceof Number number && number.longValue() > function.toMillis(),
                                () -> definition.logicalId() + ": the route's TimeoutInMillis must outlast the function");
                    });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void aFailureTheSdkRetriesAwayIsNotSeen(Request request) throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbThrottling(), 1)
                    .fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbInternalError(), 1);
            RequestStreamHandler handler = site.handler(request.function(), aws.endpoint());

            JsonNode response = SampleSite.invoke(handler, event(request));

            assertEquals(request.healthyStatus(), response.path("statusCode").asInt(), response::toString);
            assertEquals(2, aws.faulted().size());
        }
    }

    static Stream<Request> requests() {
        return REQUESTS.stream();
    }

    /**
     * The sign-up's write reaches DynamoDB but its answer is lost, so the SDK sends it again and
     * the repeat finds the email's slot already taken, by itself. The reader still gets the one
     * link, and the record is as one sign-up leaves it.
     */
    @Test
    void aSignUpWhoseWriteAnswerIsLostStillMailsOneWorkingLink() throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.operation("UpdateItem").and(call -> call.body().contains("SUBSCRIBER#")), MotoProxy.loseAnswer(), 1);
            RequestStreamHandler subscribe = site.handler("SubscribeFunction", aws.endpoint());

            JsonNode response = SampleSite.invoke(subscribe, ApiEvents.subscribe("lost.answer@example.org"));

            assertEquals(202, response.path("statusCode").asInt(), response::toString);
            assertEquals(1, aws.faulted().size(), "the write's answer was lost once");
        }
        List<SentEmail> emails = site.emailsTo("lost.answer@example.org");
        assertEquals(1, emails.size(), "the reader was told to check their inbox: the link must be there");
        Map<String, AttributeValue> item = site.subscriber("lost.answer@example.org");
        assertEquals("PENDING", item.get("status").s());
        assertEquals("1", item.get("emailsToday").n(), "one email counted");
        JsonNode confirmed = confirmTheLinkIn(emails.get(0));
        assertEquals(200, confirmed.path("statusCode").asInt(), confirmed::toString);
    }

    /** The confirmation's write lands but its answer is lost: the reader is still told they are subscribed. */
    @Test
    void aConfirmationWhoseWriteAnswerIsLostIsStillAConfirmation() throws Exception {
        SampleSite.invoke(site.handler("SubscribeFunction"), ApiEvents.subscribe("lost.confirm@example.org"));
        String token = EmailLinks.token(EmailLinks.confirmationLink(site.emailsTo("lost.confirm@example.org").get(0)));
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.operation("UpdateItem"), MotoProxy.loseAnswer(), 1);
            RequestStreamHandler confirm = site.handler("ConfirmSubscriptionFunction", aws.endpoint());

            JsonNode response = SampleSite.invoke(confirm, ApiEvents.confirm(token));

            assertEquals(200, response.path("statusCode").asInt(), response::toString);
            assertEquals(1, aws.faulted().size());
        }
        assertEquals("CONFIRMED", site.subscriber("lost.confirm@example.org").get("status").s());
    }

    /**
     * The SES events function with DynamoDB down fails the invocation, so Lambda retries the SNS
     * delivery; once DynamoDB is back the same message suppresses the address: nothing is dropped.
     */
    @Test
    void aBounceThatArrivesWhileDynamoDbIsDownIsRetriedNotDropped() throws Exception {
        SampleSite.invoke(site.handler("SubscribeFunction"), ApiEvents.subscribe("bounce.later@example.org"));
        String bounce = Files.readString(site.root.resolve("events/ses-bounce.json"))
                .replace("recipient@example.com", "bounce.later@example.org");
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.anyDynamoDb(), MotoProxy.dynamoDbInternalError());
            RequestStreamHandler events = site.handler("SesEventsFunction", aws.endpoint());

            RuntimeException failed = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> SampleSite.invoke(events, bounce), "a failed invocation is what makes Lambda retry");
            assertFalse(String.valueOf(failed.getMessage()).contains("bounce.later@example.org"),
                    "the failure's text, which Lambda logs, holds no address");
            assertEquals("PENDING", site.subscriber("bounce.later@example.org").get("status").s());

            aws.heal();
            assertEquals(1, SampleSite.invoke(events, bounce).path("newlySuppressed").asInt());
        }
        assertEquals("SUPPRESSED", site.subscriber("bounce.later@example.org").get("status").s());
    }

    /** Follows the email's confirmation link as the reader's browser posts it. */
    private JsonNode confirmTheLinkIn(SentEmail email) {
        return SampleSite.invoke(site.handler("ConfirmSubscriptionFunction"),
                ApiEvents.confirm(EmailLinks.token(EmailLinks.confirmationLink(email))));
    }

    private String event(Request request) throws Exception {
        return Files.readString(site.root.resolve("events").resolve(request.eventFile()));
    }

    @SuppressWarnings("unchecked")
    private Duration functionTimeout() {
        Map<String, Object> globals = (Map<String, Object>) site.template.document().get("Globals");
        Map<String, Object> function = (Map<String, Object>) globals.get("Function");
        return Duration.ofSeconds(((Number) function.get("Timeout")).longValue());
    }
}
