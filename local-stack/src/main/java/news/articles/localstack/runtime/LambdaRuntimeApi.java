package news.articles.localstack.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on a free loopback
 * port: the runtime takes each queued event from {@code GET /runtime/invocation/next} and posts
 * what became of it to {@code /runtime/invocation/{id}/response} or {@code .../error}, or reports a
 * failed start to {@code /runtime/init/error}. A runtime started for SnapStart
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) runs its before-checkpoint hooks and then asks
 * {@code GET /runtime/restore/next}, which marks the end of its init (where Lambda would take the
 * snapshot) and is answered at once, as if restored; a failed restore hook posts
 * {@code /runtime/restore/error}.
 *
 * <p>Shaped by what the Java Runtime Interface Client sends (github.com/aws/aws-lambda-java-libs,
 * aws-lambda-java-runtime-interface-client): /next and /response go through aws-lambda-cpp's curl
 * client on one keep-alive connection, a response with a {@code content-length} and no
 * {@code Expect} header; errors go through HttpURLConnection, fixed-length, with the error type in
 * {@code Lambda-Runtime-Function-Error-Type} and a stack trace of up to 1 MiB in
 * {@code Lambda-Runtime-Function-XRay-Error-Cause}; the client treats anything but 202 to an error
 * post as fatal. Chunked bodies and {@code Expect: 100-continue} are understood anyway. Answers
 * and error documents are those of Lambda's own implementation (github.com/aws/aws-lambda-runtime-interface-emulator,
 * lambda/rapi/rendering).
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** Lambda's limit on a synchronous invocation's response. */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;
    static final String HOST = "127.0.0.1";
    private static final String BASE = "/2018-06-01/runtime/";
    private static final String INVOCATION = BASE + "invocation/";
    /** Room for the 1 MiB X-Ray error cause header the client may send with an error. */
    private static final int MAX_HEADER_BYTES = 2 * 1024 * 1024;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ServerSocket server;
    private final String functionArn;
    private final BlockingQueue<QueuedEvent> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Long> initialized = new CompletableFuture<>();
    private final CompletableFuture<Reply> initError = new CompletableFuture<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private QueuedEvent inFlight;
    private volatile boolean closed;

    private LambdaRuntimeApi(ServerSocket server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    /** Listens on a free port of 127.0.0.1 for the function whose ARN the runtime is told. */
    public static LambdaRuntimeApi start(String functionArn) {
        Objects.requireNonNull(functionArn, "functionArn");
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST, e);
        }
        LambdaRuntimeApi api = new LambdaRuntimeApi(server, functionArn);
        daemon("lambda-runtime-api-" + server.getLocalPort(), api::accept).start();
        return api;
    }

    /** The value of AWS_LAMBDA_RUNTIME_API: host and port. */
    public String address() {
        return HOST + ":" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Completes with {@link System#nanoTime()} when the runtime first asks for an event: the end of
     * its init phase.
     */
    public CompletableFuture<Long> initialized() {
        return initialized;
    }

    /** Completes when the runtime reports that its init failed; it exits afterwards. */
    public CompletableFuture<Reply> initError() {
        return initError;
    }

    /**
     * Queues an event for the runtime's next {@code /next}; its deadline is counted from the
     * moment the runtime takes it.
     */
    public QueuedEvent enqueue(String requestId, byte[] event, Duration timeout, String traceId) {
        if (closed) {
            throw new IllegalStateException("the runtime API on port " + port() + " is closed");
        }
        QueuedEvent queued = new QueuedEvent(requestId, event, timeout, traceId);
        queue.add(queued);
        return queued;
    }

    /** Stops listening and drops every connection; events not yet answered stay unanswered. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
    }

    /** An event waiting for, or taken by, the runtime. */
    public static final class QueuedEvent {

        private final String requestId;
        private final byte[] event;
        private final Duration timeout;
        private final String traceId;
        private final CompletableFuture<Long> delivered = new CompletableFuture<>();
        private final CompletableFuture<Reply> reply = new CompletableFuture<>();

        private QueuedEvent(String requestId, byte[] event, Duration timeout, String traceId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            this.event = Objects.requireNonNull(event, "event");
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            this.traceId = Objects.requireNonNull(traceId, "traceId");
        }

        public String requestId() {
            return requestId;
        }

        /** Completes with {@link System#nanoTime()} when the runtime takes the event. */
        public CompletableFuture<Long> delivered() {
            return delivered;
        }

        /** Completes with the runtime's response or error. */
        public CompletableFuture<Reply> reply() {
            return reply;
        }
    }

    /** What the runtime posted: a response, an invocation error, or an init error. */
    public record Reply(Kind kind, String errorType, byte[] body) {

        public Reply {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(body, "body");
        }

        /** Which endpoint the runtime posted to. */
        public enum Kind { RESPONSE, ERROR, INIT_ERROR }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(socket);
            if (closed) {
                closeQuietly(socket);
                return;
            }
            daemon("lambda-runtime-api-" + port() + "-connection-" + THREADS.incrementAndGet(), () -> serve(socket))
                    .start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Request request = Request.read(in, out);
                if (request == null) {
                    return;
                }
                Response response = handle(request);
                if (response == null) {
                    return;
                }
                boolean keepAlive = request.keepAlive() && !response.close();
                out.write(response.bytes(keepAlive));
                out.flush();
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The runtime went away, or sent something that is not HTTP: the connection ends.
        } finally {
            connections.remove(socket);
        }
    }

    private Response handle(Request request) {
        String path = request.path();
        if (path.equals(INVOCATION + "next")) {
            return request.method().equals("GET") ? next() : methodNotAllowed();
        }
        if (path.equals(BASE + "init/error") || path.equals(BASE + "restore/error")) {
            return request.method().equals("POST") ? initError(request) : methodNotAllowed();
        }
        if (path.equals(BASE + "restore/next")) {
            if (!request.method().equals("GET")) {
                return methodNotAllowed();
            }
            initialized.complete(System.nanoTime());
            return new Response(200, "OK", Map.of("Content-Type", "application/json"), new byte[0], false);
        }
        if (path.startsWith(INVOCATION)) {
            String rest = path.substring(INVOCATION.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.indexOf('/', slash + 1) < 0) {
                String requestId = rest.substring(0, slash);
                String action = rest.substring(slash + 1);
                if (action.equals("response") || action.equals("error")) {
                    return request.method().equals("POST")
                            ? answer(requestId, action.equals("response"), request)
                            : methodNotAllowed();
                }
            }
        }
        return Response.json(404, "Not Found", error("Not Found", "InvalidURL"), false);
    }

    /** Blocks until an event is queued; null when the API closes first. */
    private Response next() {
        initialized.complete(System.nanoTime());
        QueuedEvent event;
        try {
            do {
                event = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } while (event == null && !closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (event == null) {
            return null;
        }
        long deadline = System.currentTimeMillis() + event.timeout.toMillis();
        synchronized (lock) {
            inFlight = event;
        }
        event.delivered.complete(System.nanoTime());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Lambda-Runtime-Aws-Request-Id", event.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.put("Lambda-Runtime-Trace-Id", event.traceId);
        return new Response(200, "OK", headers, event.event, false);
    }

    /**
     * Records the reply before the 202 goes out: the runtime may exit right after it, and whoever
     * waits must see the reply first.
     */
    private Response answer(String requestId, boolean success, Request request) {
        QueuedEvent event;
        synchronized (lock) {
            event = inFlight;
            if (event == null || !event.requestId.equals(requestId)) {
                return Response.json(400, "Bad Request", error("Invalid request ID", "InvalidRequestID"), false);
            }
            inFlight = null;
        }
        if (request.body() == null) {
            String message = "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).";
            event.reply.complete(new Reply(Reply.Kind.ERROR, "Function.ResponseSizeTooLarge",
                    error(message, "Function.ResponseSizeTooLarge")));
            return Response.json(413, "Payload Too Large", error("Exceeded maximum allowed payload size ("
                    + MAX_RESPONSE_BYTES + " bytes).", "RequestEntityTooLarge"), true);
        }
        event.reply.complete(success
                ? new Reply(Reply.Kind.RESPONSE, null, request.body())
                : new Reply(Reply.Kind.ERROR, request.header("Lambda-Runtime-Function-Error-Type"),
                        errorBody(request)));
        return accepted();
    }

    private Response initError(Request request) {
        if (request.body() == null) {
            return Response.json(413, "Payload Too Large", error("Exceeded maximum allowed payload size ("
                    + MAX_RESPONSE_BYTES + " bytes).", "RequestEntityTooLarge"), true);
        }
        initError.complete(new Reply(Reply.Kind.INIT_ERROR, request.header("Lambda-Runtime-Function-Error-Type"),
                errorBody(request)));
        return accepted();
    }

    /** Lambda builds the document from the error type header when the runtime posts no body. */
    private static byte[] errorBody(Request request) {
        if (request.body().length > 0) {
            return request.body();
        }
        String type = request.header("Lambda-Runtime-Function-Error-Type");
        return error("", type == null ? "Unhandled" : type);
    }

    private static Response accepted() {
        return Response.json(202, "Accepted", "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8), false);
    }

    private static Response methodNotAllowed() {
        return Response.json(405, "Method Not Allowed", error("Method Not Allowed", "MethodNotAllowed"), false);
    }

    static byte[] error(String message, String type) {
        return ("{\"errorMessage\":" + Json.quote(message) + ",\"errorType\":" + Json.quote(type) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** One HTTP/1.1 request; {@code body} is null when it was over the payload limit and left unread. */
    private record Request(String method, String path, Map<String, String> headers, byte[] body, boolean keepAlive) {

        String header(String name) {
            return headers.get(name);
        }

        /** Null at a clean end of the stream, before a request starts. */
        static Request read(InputStream in, OutputStream out) throws IOException {
            int[] budget = {MAX_HEADER_BYTES};
            String requestLine = line(in, budget, true);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = line(in, budget, true); // tolerated before a request, as RFC 9112 allows
            }
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x request line: " + requestLine);
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = line(in, budget, false); !line.isEmpty(); line = line(in, budget, false)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line");
                }
                headers.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(),
                        (first, second) -> first + ", " + second);
            }
            String connection = headers.getOrDefault("Connection", "").toLowerCase(Locale.ROOT);
            boolean keepAlive = parts[2].equals("HTTP/1.1") ? !connection.contains("close")
                    : connection.contains("keep-alive");
            if (headers.getOrDefault("Expect", "").equalsIgnoreCase("100-continue")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            String target = parts[1];
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            byte[] body;
            boolean overLimit = false;
            if (headers.getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked(in, budget);
                overLimit = body == null;
            } else {
                long length = contentLength(headers.get("Content-Length"));
                if (length > MAX_RESPONSE_BYTES) {
                    body = null;
                    overLimit = true;
                } else {
                    body = in.readNBytes((int) length);
                    if (body.length < length) {
                        throw new EOFException("the body ended early");
                    }
                }
            }
            // A body left unread leaves the connection unusable: it closes after the answer.
            return new Request(parts[0], path, headers, body, keepAlive && !overLimit);
        }

        private static long contentLength(String value) throws IOException {
            if (value == null) {
                return 0;
            }
            try {
                long length = Long.parseLong(value.trim());
                if (length < 0) {
                    throw new IOException("negative Content-Length");
                }
                return length;
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length", e);
            }
        }

        /** The decoded body, or null once it passes the payload limit. */
        private static byte[] chunked(InputStream in, int[] budget) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in, budget, false);
                int extension = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size", e);
                }
                if (size == 0) {
                    while (!line(in, budget, false).isEmpty()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                if (size < 0 || body.size() + size > MAX_RESPONSE_BYTES) {
                    return null;
                }
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new EOFException("a chunk ended early");
                }
                body.writeBytes(chunk);
                if (!line(in, budget, false).isEmpty()) {
                    throw new IOException("a chunk does not end with CRLF");
                }
            }
        }

        /** A line without its CRLF (or bare LF); null at the end of the stream only when {@code eofAllowed}. */
        private static String line(InputStream in, int[] budget, boolean eofAllowed) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (eofAllowed && line.size() == 0) {
                        return null;
                    }
                    throw new EOFException("the request ended early");
                }
                if (--budget[0] < 0) {
                    throw new IOException("request head over " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
        }
    }

    /** An answer, written as status line, headers and body in one write. */
    private record Response(int status, String reason, Map<String, String> headers, byte[] body, boolean close) {

        static Response json(int status, String reason, byte[] body, boolean close) {
            return new Response(status, reason, Map.of("Content-Type", "application/json"), body, close);
        }

        byte[] bytes(boolean keepAlive) {
            StringBuilder head = new StringBuilder(256)
                    .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n");
            if (!keepAlive) {
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, bytes, headBytes.length, body.length);
            return bytes;
        }
    }

    /** JSON string literals for the few documents written here. */
    static final class Json {

        private Json() {
        }

        static String quote(String text) {
            StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\r' -> quoted.append("\\r");
                    case '\t' -> quoted.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }

    @Override
    public String toString() {
        return "Lambda Runtime API at " + address();
    }
}
