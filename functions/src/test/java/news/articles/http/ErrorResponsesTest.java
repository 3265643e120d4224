package news.articles.http;

import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import news.articles.error.RejectedException;
import news.articles.error.StoreException;
import news.articles.mail.MailException;
import news.articles.testing.ApiEvent;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import news.articles.testing.LogCapture;
import news.articles.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How {@link ApiHandler} turns what a handler throws into a response, through {@link ErrorResponses}. */
class ErrorResponsesTest {

    private final RecordingContext context = new RecordingContext();
    @RegisterExtension
    final LogCapture log = LogCapture.eachTest();

    @Test
    void aClientErrorKeepsItsStatusCodeAndMessage() {
        Reply reply = answerTo(new ClientErrorException(409, "SOMETHING_CLASHES", "It clashes with \"that\"."));

        assertEquals(409, reply.status());
        assertEquals(Map.of("code", "SOMETHING_CLASHES", "message", "It clashes with \"that\"."), reply.json());
        assertEquals("no-store", reply.header("cache-control"));
        assertNull(reply.header("retry-after"));
        assertEquals(List.of(), failures(), "client errors are not logged as failures");
    }

    @Test
    void aDomainRefusalBecomesTheStatusItsReasonCallsFor() {
        Reply invalid = answerTo(RejectedException.invalid("INVALID_THING", "That is not a thing."));
        Reply missing = answerTo(RejectedException.notFound("THING_NOT_FOUND", "No such thing."));
        Reply expired = answerTo(RejectedException.expired("THING_EXPIRED", "The thing has expired."));

        assertEquals(400, invalid.status());
        assertEquals(Map.of("code", "INVALID_THING", "message", "That is not a thing."), invalid.json());
        assertEquals(404, missing.status());
        assertEquals("THING_NOT_FOUND", string(missing.json(), "code"));
        assertEquals(410, expired.status());
        assertEquals("THING_EXPIRED", string(expired.json(), "code"));
        for (Reply refusal : List.of(invalid, missing, expired)) {
            assertNull(refusal.header("retry-after"), "only a 429 or a 503 says when to retry");
        }
        assertEquals(List.of(), failures(), "refusals are answers, not failures to log");
    }

    @Test
    void aRetryableStoreFailureIsA503WithRetryAfter() {
        Reply reply = answerTo(new StoreException("DynamoDB could not read (SdkClientException)", true, null));

        assertEquals(503, reply.status());
        assertEquals("STORE_UNAVAILABLE", string(reply.json(), "code"));
        assertEquals(Integer.toString(ErrorResponses.RETRY_AFTER_SECONDS), reply.header("retry-after"));
        assertFalse(reply.body().contains("DynamoDB"), reply.body());
    }

    @Test
    void aRetryableMailFailureIsA503WithRetryAfter() {
        Reply reply = answerTo(new MailException("SES did not accept the message (ThrottlingException)", true, null));

        assertEquals(503, reply.status());
        assertEquals("MAIL_UNAVAILABLE", string(reply.json(), "code"));
        assertEquals(Integer.toString(ErrorResponses.RETRY_AFTER_SECONDS), reply.header("retry-after"));
        assertFalse(reply.body().contains("SES"), reply.body());
    }

    @Test
    void aPermanentStoreOrMailFailureIsA500() {
        for (RuntimeException failure : new RuntimeException[] {
            new StoreException("DynamoDB could not read (ResourceNotFoundException)", false, null),
            new MailException("SES did not accept the message (MessageRejected)", false, null)}) {
            Reply reply = answerTo(failure);

            assertEquals(500, reply.status());
            assertEquals("INTERNAL_ERROR", string(reply.json(), "code"));
            assertNull(reply.header("retry-after"));
        }
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() {
        Reply reply = answerTo(new IllegalStateException("secret detail",
                new UncheckedIOException("secret cause", new IOException("secret root"))));

        assertEquals(500, reply.status());
        assertEquals(Map.of("code", "INTERNAL_ERROR", "message", "Something went wrong on our side."), reply.json());
        assertFalse(reply.body().contains("secret"), reply.body());
        assertFalse(reply.headers().toString().contains("secret"), reply.headers().toString());
    }

    @Test
    void serverErrorsAreLoggedByKindNeverByMessage() {
        answerTo(new IllegalStateException("secret detail", new IOException("reader@example.com")));

        assertEquals(1, failures().size());
        String line = failures().get(0);
        assertTrue(line.matches("\\{\"level\":\"ERROR\",\"event\":\"request_failed\",\"requestId\":\""
                + context.getAwsRequestId() + "\",\"status\":500,\"causes\":\\[\"java\\.lang\\.IllegalStateException at \\S+\","
                + "\"java\\.io\\.IOException at \\S+\"\\]\\}"), line);
        assertFalse(line.contains("secret detail"), line);
        assertFalse(line.contains("reader@example.com"), line);
    }

    /** Exceptions made without a stack trace (cheap ones, as the SDK and we make some) are logged by kind all the same. */
    @Test
    void aFailureWithoutAStackTraceIsLoggedByKindToo() {
        Reply reply = answerTo(new WithoutStackTrace());

        assertEquals(500, reply.status());
        assertEquals(List.of("{\"level\":\"ERROR\",\"event\":\"request_failed\",\"requestId\":\""
                + context.getAwsRequestId() + "\",\"status\":500,\"causes\":[\"" + WithoutStackTrace.class.getName() + "\"]}"),
                failures());
    }

    /** Without a Lambda context (the local stack's in-process mode), the line is logged all the same, without a request id. */
    @Test
    void withoutAContextServerErrorsAreLoggedWithoutARequestId() {
        Reply reply = Invocation.invoke(throwing(new WithoutStackTrace()), ApiEvent.get("/anything").json(), null);

        assertEquals(500, reply.status());
        assertEquals(List.of("{\"level\":\"ERROR\",\"event\":\"request_failed\",\"status\":500,\"causes\":[\""
                + WithoutStackTrace.class.getName() + "\"]}"), failures());
    }

    private static final class WithoutStackTrace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WithoutStackTrace() {
            super("secret detail", null, false, false);
        }
    }

    @Test
    void aMalformedEventIsA400() {
        ApiHandler handler = throwing(new AssertionError("not reached"));

        Reply reply = Invocation.invoke(handler, "[\"not an event\"]", context);

        assertEquals(400, reply.status());
        assertEquals("MALFORMED_EVENT", string(reply.json(), "code"));
        assertJsonErrorHeaders(reply);
    }

    @Test
    void everyErrorIsJsonWithNosniff() {
        for (RuntimeException failure : new RuntimeException[] {
            new ClientErrorException(404, "NOT_FOUND", "Nothing here."),
            new StoreException("x", true, null),
            new StoreException("x", false, null),
            new MailException("x", true, null),
            new MailException("x", false, null),
            new IllegalStateException("x"),
            new NullPointerException()}) {
            assertJsonErrorHeaders(answerTo(failure));
        }
    }

    @Test
    void aHandlerThatAsksForPagesGetsAnHtmlErrorWithItsCode() {
        ApiHandler handler = new ApiHandler() {
            @Override
            protected HttpResponse handle(HttpRequest request) {
                throw new ClientErrorException(410, "TOKEN_EXPIRED", "This <link> has expired.");
            }

            @Override
            protected boolean answersWithHtml(HttpRequest request) {
                return true;
            }
        };

        Reply reply = Invocation.invoke(handler, ApiEvent.get("/subscriptions/confirm").json(), context);

        assertEquals(410, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertEquals("nosniff", reply.header("x-content-type-options"));
        assertTrue(reply.body().contains("410 TOKEN_EXPIRED"), reply.body());
        assertTrue(reply.body().contains("This &lt;link&gt; has expired."), reply.body());
    }

    private static void assertJsonErrorHeaders(Reply reply) {
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        assertEquals("nosniff", reply.header("x-content-type-options"));
        assertEquals("no-store", reply.header("cache-control"));
        reply.json();
    }

    private Reply answerTo(Throwable failure) {
        return Invocation.invoke(throwing(failure), ApiEvent.get("/anything").json(), context);
    }

    private static ApiHandler throwing(Throwable failure) {
        return new ApiHandler() {
            @Override
            protected HttpResponse handle(HttpRequest request) {
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) failure;
            }
        };
    }

    /** The lines logged, less the access line every request gets (ApiHandler). */
    private List<String> failures() {
        return log.lines().stream().filter(line -> !line.contains("\"event\":\"request\",")).toList();
    }
}
