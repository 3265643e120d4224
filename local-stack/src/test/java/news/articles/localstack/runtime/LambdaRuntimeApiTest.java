package news.articles.localstack.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API over a socket, as the Runtime Interface Client's two HTTP clients speak to it. */
class LambdaRuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:Echo";
    private final LambdaRuntimeApi api = LambdaRuntimeApi.start(ARN);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void nextDeliversTheEventAndAChunkedResponseOnTheSameConnectionAnswersIt() throws Exception {
        LambdaRuntimeApi.QueuedEvent event = api.enqueue("req-1", bytes("{\"a\":1}"), Duration.ofSeconds(3), "Root=1-a-b");
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            long before = System.currentTimeMillis();
            Reply next = exchange(socket, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");

            assertEquals(200, next.status());
            assertEquals("{\"a\":1}", next.text());
            assertEquals("req-1", next.headers().get("lambda-runtime-aws-request-id"));
            assertEquals(ARN, next.headers().get("lambda-runtime-invoked-function-arn"));
            assertEquals("Root=1-a-b", next.headers().get("lambda-runtime-trace-id"));
            long deadline = Long.parseLong(next.headers().get("lambda-runtime-deadline-ms"));
            assertTrue(deadline >= before + 3000 && deadline <= System.currentTimeMillis() + 3000, "deadline " + deadline);
            assertTrue(event.delivered().isDone());
            assertTrue(api.initialized().isDone());

            Reply posted = exchange(socket, "POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"ok\"\r\n6\r\n:true}\r\n0\r\n\r\n");

            assertEquals(202, posted.status());
            assertEquals("{\"status\":\"OK\"}", posted.text());
            LambdaRuntimeApi.Reply reply = event.reply().get(1, TimeUnit.SECONDS);
            assertEquals(LambdaRuntimeApi.Reply.Kind.RESPONSE, reply.kind());
            assertEquals("{\"ok\":true}", new String(reply.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anErrorCarriesItsTypeAndExpectContinueIsHonoured() throws Exception {
        LambdaRuntimeApi.QueuedEvent event = api.enqueue("req-2", bytes("{}"), Duration.ofSeconds(3), "Root=1-a-b");
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            exchange(socket, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
            String body = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\"}";
            socket.getOutputStream().write(bytes("POST /2018-06-01/runtime/invocation/req-2/error HTTP/1.1\r\nHost: x\r\n"
                    + "Lambda-Runtime-Function-Error-Type: Runtime.UserException\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n"));
            assertEquals(100, read(socket.getInputStream(), false).status());
            socket.getOutputStream().write(bytes(body));

            assertEquals(202, read(socket.getInputStream(), true).status());
            LambdaRuntimeApi.Reply reply = event.reply().get(1, TimeUnit.SECONDS);
            assertEquals(LambdaRuntimeApi.Reply.Kind.ERROR, reply.kind());
            assertEquals("Runtime.UserException", reply.errorType());
            assertEquals(body, new String(reply.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aResponseForAnotherRequestIdIsRefused() throws Exception {
        LambdaRuntimeApi.QueuedEvent event = api.enqueue("req-3", bytes("{}"), Duration.ofSeconds(3), "Root=1-a-b");
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            exchange(socket, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");

            Reply refused = exchange(socket, "POST /2018-06-01/runtime/invocation/other/response HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 2\r\n\r\n{}");

            assertEquals(400, refused.status());
            assertEquals("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}", refused.text());
            assertFalse(event.reply().isDone());
        }
    }

    @Test
    void nextWaitsForAnEventAndMarksTheEndOfInit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            CompletableFuture<Reply> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return exchange(socket, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            api.initialized().get(2, TimeUnit.SECONDS);
            Thread.sleep(150);
            assertFalse(next.isDone());

            api.enqueue("req-4", bytes("[1]"), Duration.ofSeconds(3), "Root=1-a-b");

            assertEquals("[1]", next.get(2, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void anInitErrorIsRecorded() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            String body = "{\"errorMessage\":\"no class\",\"errorType\":\"java.lang.ClassNotFoundException\"}";
            Reply posted = exchange(socket, "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\n"
                    + "Lambda-Runtime-Function-Error-Type: Runtime.BadFunctionCode\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body);

            assertEquals(202, posted.status());
            LambdaRuntimeApi.Reply error = api.initError().get(1, TimeUnit.SECONDS);
            assertEquals("Runtime.BadFunctionCode", error.errorType());
            assertArrayEquals(bytes(body), error.body());
            assertNull(api.initialized().getNow(null));
        }
    }

    @Test
    void aSnapStartRuntimeEndsItsInitByAskingForARestoreAndIsRestoredAtOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            Reply restored = exchange(socket, "GET /2018-06-01/runtime/restore/next HTTP/1.1\r\nHost: x\r\n\r\n");

            assertEquals(200, restored.status());
            assertTrue(api.initialized().isDone());
        }
    }

    private record Reply(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Reply exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(bytes(request));
        return read(socket.getInputStream(), true);
    }

    private static Reply read(InputStream in, boolean withBody) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, in.readNBytes(length));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
