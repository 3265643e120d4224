package news.articles.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

    @AfterEach
    void forgetTheRequest() {
        Log.endRequest();
    }

    @Test
    void aLineIsOneJsonObjectWithLevelEventRequestIdAndFields() {
        Log.beginRequest("c0ffee-1");
        Log.error("request_failed").field("status", 503).field("retryable", true).field("code", "STORE_UNAVAILABLE")
                .field("causes", List.of("a.B at c", "d\"E")).write(stream, Log.Level.INFO);

        assertEquals("{\"level\":\"ERROR\",\"event\":\"request_failed\",\"requestId\":\"c0ffee-1\",\"status\":503,"
                + "\"retryable\":true,\"code\":\"STORE_UNAVAILABLE\",\"causes\":[\"a.B at c\",\"d\\\"E\"]}\n", text());
    }

    @Test
    void withoutARequestThereIsNoRequestId() {
        Log.info("cold").write(stream, Log.Level.INFO);

        assertEquals("{\"level\":\"INFO\",\"event\":\"cold\"}\n", text());
    }

    @Test
    void linesBelowTheFunctionsLevelAreDropped() {
        Log.debug("detail").write(stream, Log.Level.INFO);
        Log.info("routine").write(stream, Log.Level.WARN);
        Log.warn("odd").write(stream, Log.Level.WARN);
        Log.error("bad").write(stream, Log.Level.WARN);

        assertEquals("{\"level\":\"WARN\",\"event\":\"odd\"}\n{\"level\":\"ERROR\",\"event\":\"bad\"}\n", text());
    }

    @Test
    void theLevelFollowsLambdasApplicationLogLevel() {
        assertEquals(Log.Level.INFO, Log.threshold(null));
        assertEquals(Log.Level.INFO, Log.threshold(" "));
        assertEquals(Log.Level.DEBUG, Log.threshold("TRACE"));
        assertEquals(Log.Level.DEBUG, Log.threshold("debug"));
        assertEquals(Log.Level.INFO, Log.threshold("INFO"));
        assertEquals(Log.Level.WARN, Log.threshold("WARN"));
        assertEquals(Log.Level.ERROR, Log.threshold("ERROR"));
        assertEquals(Log.Level.ERROR, Log.threshold("FATAL"));
    }

    @Test
    void causesNameClassesAndFramesNeverMessages() {
        RuntimeException failure = new IllegalStateException("reader@example.com", new RuntimeException("token abc"));

        List<String> causes = Log.causes(failure);

        assertEquals(2, causes.size());
        assertTrue(causes.get(0).startsWith("java.lang.IllegalStateException at news.articles.logging.LogTest."), causes.get(0));
        assertTrue(causes.get(1).startsWith("java.lang.RuntimeException at "), causes.get(1));
        assertTrue(causes.stream().noneMatch(cause -> cause.contains("@") || cause.contains("abc")), causes.toString());
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
