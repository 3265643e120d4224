package news.articles.tools.moto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of moto, on loopback, that the functions reach through their
 * {@code LOCAL_AWS_ENDPOINT}. It records which AWS operations pass, and can make chosen ones fail
 * the ways AWS fails (an error answer, a slow answer, a dropped connection), so the tests see
 * what a function does when DynamoDB or SES does.
 *
 * <p>With {@link #oneRequestAtATime()} it forwards one request at a time. DynamoDB applies each
 * conditional write atomically; moto, serving requests on many threads without locks, can check
 * two conditions before applying either write. Through the proxy concurrent callers still
 * interleave request by request (a read and its conditional write can be split by another
 * caller's), as with DynamoDB, but no single request is split.
 *
 * <p>In main code so that the integration tests and the benchmarks (a fixed delay on every
 * DynamoDB call, {@code bin/benchmark-latency}) share it.
 */
public final class MotoProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    /** One AWS call as it crosses the proxy: enough to choose the calls a fault applies to. */
    public record Call(String path, String operation, String body) {

        /** DynamoDB names its operation in a header; SES v2 in its REST path. */
        public static Call of(HttpExchange exchange, byte[] body) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            String operation = target != null ? target.substring(target.indexOf('.') + 1)
                    : path.startsWith("/v2/email/outbound-emails") ? "SendEmail"
                    : exchange.getRequestMethod() + " " + path;
            return new Call(path, operation, new String(body, StandardCharsets.UTF_8));
        }

        public boolean isDynamoDb() {
            return !isSes() && !isSecretsManager();
        }

        /** The one Secrets Manager call the functions make: reading the identifier key at init. */
        public boolean isSecretsManager() {
            return operation.equals("GetSecretValue");
        }

        public boolean isSes() {
            return path.startsWith("/v2/email");
        }
    }

    /** What the proxy does instead of forwarding. */
    public sealed interface Fault {

        /** An AWS error answer: the status, the error type's header and a JSON body. */
        record Answer(int status, String errorType, String json) implements Fault {
        }

        /** Waits, then forwards: a dependency that is slow but not down. */
        record Delay(Duration delay) implements Fault {
        }

        /** Closes the connection without an answer, as a crashed peer does. */
        record Drop() implements Fault {
        }

        /** Forwards, so the call takes effect, then closes the connection: the answer is lost on the way. */
        record LoseAnswer() implements Fault {
        }
    }

    public static Fault dynamoDbInternalError() {
        return new Fault.Answer(500, "InternalServerError",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error\"}");
    }

    public static Fault dynamoDbThrottling() {
        return new Fault.Answer(400, "ProvisionedThroughputExceededException",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                        + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
    }

    public static Fault sesThrottling() {
        return new Fault.Answer(429, "TooManyRequestsException", "{\"message\":\"Too many requests\"}");
    }

    public static Fault sesInternalError() {
        return new Fault.Answer(500, "InternalFailure", "{\"message\":\"An internal failure occurred\"}");
    }

    public static Fault slow(Duration delay) {
        return new Fault.Delay(delay);
    }

    public static Fault drop() {
        return new Fault.Drop();
    }

    public static Fault loseAnswer() {
        return new Fault.LoseAnswer();
    }

    /** A fault for the calls {@code applies} accepts, the first {@code times} of them. */
    private static final class Rule {
        private final Predicate<Call> applies;
        private final Fault fault;
        private final AtomicInteger left;

        Rule(Predicate<Call> applies, Fault fault, int times) {
            this.applies = applies;
            this.fault = fault;
            this.left = new AtomicInteger(times);
        }

        boolean claim(Call call) {
            return applies.test(call) && left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final Object oneAtATime = new Object();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Call> faulted = new CopyOnWriteArrayList<>();
    private volatile boolean serialised;
    private volatile URI secrets;

    public MotoProxy(URI target) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Sends the functions' one Secrets Manager call (the identifier key, read at init) to {@code moto}
     * whatever the target: a function whose data store is down still starts.
     */
    public MotoProxy secretsFrom(URI moto) {
        secrets = Objects.requireNonNull(moto, "moto");
        return this;
    }

    public MotoProxy oneRequestAtATime() {
        serialised = true;
        return this;
    }

    /** From now on, calls that {@code applies} accepts meet {@code fault} instead of moto. */
    public MotoProxy fail(Predicate<Call> applies, Fault fault) {
        return fail(applies, fault, Integer.MAX_VALUE);
    }

    /** The next {@code times} calls that {@code applies} accepts meet {@code fault}; later ones reach moto. */
    public MotoProxy fail(Predicate<Call> applies, Fault fault, int times) {
        rules.add(new Rule(applies, fault, times));
        return this;
    }

    /** Moto answers everything again. */
    public void heal() {
        rules.clear();
    }

    /** The calls that met a fault, in order (a delayed call too, though it reaches moto in the end). */
    public List<Call> faulted() {
        return List.copyOf(faulted);
    }

    public static Predicate<Call> operation(String name) {
        return call -> call.operation().equals(name);
    }

    public static Predicate<Call> anyDynamoDb() {
        return Call::isDynamoDb;
    }

    public static Predicate<Call> anySes() {
        return Call::isSes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Call call = Call.of(exchange, body);
            Fault fault = rules.stream().filter(rule -> rule.claim(call)).map(rule -> rule.fault).findFirst().orElse(null);
            if (fault != null) {
                faulted.add(call);
            }
            if (fault instanceof Fault.Answer answer) {
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
                exchange.getResponseHeaders().add("x-amzn-RequestId", "fault-injected");
                respond(exchange, answer.status(), answer.json().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault instanceof Fault.Drop) {
                // Closing the exchange unanswered closes the caller's connection.
                exchange.close();
                return;
            }
            if (fault instanceof Fault.Delay delay) {
                Thread.sleep(delay.delay().toMillis());
            }
            HttpResponse<byte[]> response;
            try {
                response = forward(call.isSecretsManager() && secrets != null ? secrets : target, exchange, body);
            } catch (IOException unreachable) {
                // The target is down (a closed port): the caller's connection closes unanswered, as a refused one fails.
                exchange.close();
                return;
            }
            if (fault instanceof Fault.LoseAnswer) {
                exchange.close();
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private HttpResponse<byte[]> forward(URI to, HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        if (serialised) {
            synchronized (oneAtATime) {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void respond(HttpExchange exchange, int status, byte[] answer) throws IOException {
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
